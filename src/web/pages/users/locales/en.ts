/** English strings of the users pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  users: {
    title: 'Users',
    hint: 'Accounts of the bureaus in your jurisdiction; disabling or resetting a password signs the user out at once',
    search: 'User name or name',
    username: 'User name',
    displayName: 'Name',
    role: 'Role',
    org: 'Organisation',
    phone: 'Phone',
    enforcementCert: 'Enforcement certificate No.',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    create: 'New user',
    edit: 'Edit',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    region: 'Bureau (region)',
    password: 'Initial password',
    newPassword: 'New password',
    passwordHint: 'At least 10 characters, with letters and digits',
    created: 'User {{name}} created',
    saved: 'Saved',
    passwordReset: 'Password reset; the user signs in again with it',
    confirmDisable: 'Disable {{name}}? They are signed out at once and cannot sign in.',
  },
};

export default en;
