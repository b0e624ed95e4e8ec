/**
 * Entries anybody can cause at will (a refused request, a sign-in refused while locked) are
 * written once per kind of repetition and window, not once per request: the audit log is
 * append-only, so a flood written row by row (157 a second, measured) would bury real events for
 * good. The first of a run is written; the rest are counted and the next entry written for the
 * same key says how many it stands for. A budget per action and window bounds what rotating keys
 * (a new username each time) can write; what it drops is counted on the next entry of the action.
 */
export interface Admission {
  write: boolean;
  /** Entries with this key not written since the last one that was. */
  repeated: number;
  /** Entries of this action dropped by the budget since the last one written. */
  dropped: number;
}

export class AuditRepeats {
  private readonly keys = new Map<string, { since: number; suppressed: number }>();
  private readonly budgets = new Map<string, { since: number; used: number; dropped: number }>();

  constructor(
    /** 0: write every entry. */
    private readonly windowMs: number,
    private readonly perActionBudget = 120,
    private readonly clock: () => number = Date.now,
  ) {}

  admit(action: string, key: string): Admission {
    if (this.windowMs <= 0) return { write: true, repeated: 0, dropped: 0 };
    const now = this.clock();
    const id = `${action}\u0000${key}`;
    const seen = this.keys.get(id);
    if (seen && now - seen.since < this.windowMs) {
      seen.suppressed++;
      return { write: false, repeated: 0, dropped: 0 };
    }
    let budget = this.budgets.get(action);
    if (!budget || now - budget.since >= this.windowMs) {
      budget = { since: now, used: 0, dropped: budget?.dropped ?? 0 };
      this.budgets.set(action, budget);
    }
    if (budget.used >= this.perActionBudget) {
      budget.dropped++;
      return { write: false, repeated: 0, dropped: 0 };
    }
    budget.used++;
    const dropped = budget.dropped;
    budget.dropped = 0;
    this.keys.delete(id);
    this.keys.set(id, { since: now, suppressed: 0 });
    // Bounded memory under rotating keys: forget the oldest.
    if (this.keys.size > 10_000) this.keys.delete(this.keys.keys().next().value!);
    return { write: true, repeated: seen?.suppressed ?? 0, dropped };
  }
}
