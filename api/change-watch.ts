import { getPortal, type Portal } from './portal.ts';

/**
 * PostgreSQL tells every web server when published data changes (`NOTIFY portal_changed`: a
 * trigger on the audit log, and the sync worker once the search index has caught up). Caches in
 * this process (rendered pages, search answers) register here and are emptied on it. While the
 * notifications do not arrive (not yet listening, connection lost) nothing may be cached: a cache
 * that cannot hear about changes would serve old answers.
 */
const listeners = new Set<() => void>();
let listening = false;
let watching = false;

export function onPortalChange(listener: () => void): void {
  listeners.add(listener);
}

/**
 * A change made by this process (the admin API): its caches are emptied at once, without waiting
 * for the notification's round trip, so the admin's next page already shows the change.
 */
export function changedHere(portal: Portal): void {
  portal.replicas?.afterChange();
  listeners.forEach((listener) => listener());
}

/** The replicas are told first (api/read-routing.ts): a cache refilled after this must not read one that lacks the change. */
function emptyCaches(): void {
  changedHere(getPortal());
}

/** True while change notifications reach this process; starts listening on first use. */
export function changesHeard(): boolean {
  if (!watching) {
    watching = true;
    getPortal()
      .db.sql.listen('portal_changed', emptyCaches, () => {
        // (Re)connected: whatever happened while away is unknown, so everything goes.
        emptyCaches();
        listening = true;
      })
      .catch(() => {
        listening = false;
        watching = false;
      });
  }
  return listening;
}
