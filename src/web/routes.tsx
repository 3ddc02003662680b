/**
 * The one route table: it is the router, the side menu and the role → page map at once.
 * Permissions come from the server's policy table, so the menu never offers what the API would refuse.
 */
import { AlertOutlined, AuditOutlined, DashboardOutlined, FileAddOutlined, PhoneOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { can, type Permission } from '../contracts/policies.js';
import type { Me } from './api/types.js';
import { AccidentDetailPage } from './pages/accidents/AccidentDetailPage.js';
import { AccidentFormPage } from './pages/accidents/AccidentFormPage.js';
import { AccidentListPage } from './pages/accidents/AccidentListPage.js';
import { AuditPage } from './pages/audit/AuditPage.js';
import { DashboardPage } from './pages/dashboard/DashboardPage.js';
import { DutyPage } from './pages/duty/DutyPage.js';

export interface AppRoute {
  /** Path under the signed-in layout. */
  path: string;
  element: ReactNode;
  permission: Permission;
  /** Present when the page is in the side menu: i18n key of its label and its icon. */
  menu?: { labelKey: string; icon: ReactNode };
  /** Bureau staff only (enterprise users have no duty room). */
  bureauOnly?: boolean;
}

export const APP_ROUTES: AppRoute[] = [
  {
    path: '/',
    element: <DashboardPage />,
    permission: 'accident.read',
    menu: { labelKey: 'menu.dashboard', icon: <DashboardOutlined /> },
  },
  {
    path: '/accidents',
    element: <AccidentListPage />,
    permission: 'accident.read',
    menu: { labelKey: 'menu.accidents', icon: <AlertOutlined /> },
  },
  {
    path: '/accidents/new',
    element: <AccidentFormPage />,
    permission: 'accident.create',
    menu: { labelKey: 'menu.newAccident', icon: <FileAddOutlined /> },
  },
  { path: '/accidents/:id', element: <AccidentDetailPage />, permission: 'accident.read' },
  {
    path: '/duty',
    element: <DutyPage />,
    permission: 'duty.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.duty', icon: <PhoneOutlined /> },
  },
  {
    // 操作留痕: audit.read is admin and leader only, so only they see the menu entry.
    path: '/audit',
    element: <AuditPage />,
    permission: 'audit.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.audit', icon: <AuditOutlined /> },
  },
];

export function allowed(route: AppRoute, me: Me): boolean {
  return can(me.role, route.permission) && !(route.bureauOnly && me.org.kind !== 'bureau');
}

export function mayDo(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && can(me.role, permission);
}
