/**
 * Live events (SSE) for signed-in users. An event carries the region it concerns; it reaches every
 * subscriber whose jurisdiction covers that region — i.e. every level of the reporting chain — and,
 * for enterprise users, only events about their own unit.
 */
import { EventEmitter } from 'node:events';
import type { LiveEvent as PublicLiveEvent } from '../../../contracts/events.js';
import type { Actor } from '../../auth/actor.js';

/** An event as published: the public event plus who, besides the region's bureaus, may hear of it. */
export interface LiveEvent extends PublicLiveEvent {
  enterpriseOrgId?: string | null;
  /** The unit the event is about: its enterprise users hear of reports the bureaus filed about it. */
  unitCreditCode?: string | null;
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  /** A session ended (logout): its live streams close. */
  endSession(token: string): void {
    this.emitter.emit(`session-end:${token}`);
  }

  onSessionEnd(token: string, listener: () => void): () => void {
    const name = `session-end:${token}`;
    this.emitter.once(name, listener);
    return () => this.emitter.off(name, listener);
  }

  subscribe(actor: Actor, listener: (event: LiveEvent) => void): () => void {
    const filtered = (event: LiveEvent) => {
      if (reaches(actor, event)) listener(event);
    };
    this.emitter.on('event', filtered);
    return () => this.emitter.off('event', filtered);
  }
}

export function reaches(actor: Actor, event: LiveEvent): boolean {
  if (actor.orgKind === 'enterprise') {
    return (
      event.enterpriseOrgId === actor.orgId || (!!event.unitCreditCode && event.unitCreditCode === actor.creditCode)
    );
  }
  return event.regionCode.startsWith(actor.prefix);
}
