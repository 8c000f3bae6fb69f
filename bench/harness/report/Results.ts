/** The figures of a run: a row per figure, a column per server. */
import type { WorkloadId } from '../options';
import type { ServerId } from '../servers/types';

/** One figure for one server: the text shown, and the number targets compare. */
export interface Cell {
  text: string;
  value?: number;
}

/** A row of the table. */
export interface RowSpec {
  key: string;
  label: string;
}

/** A workload's section of the table. */
export interface Section {
  workload: WorkloadId;
  title: string;
  rows: RowSpec[];
}

/** Something that went wrong, or a figure that cannot be trusted. */
export interface Problem {
  server: ServerId;
  workload: WorkloadId;
  message: string;
  /** Failures of the harness or of Galley fail the run; a peer's shortcoming is only noted. */
  fatal: boolean;
}

/** Everything measured so far. */
export class Results {
  readonly sections: Section[] = [];
  readonly problems: Problem[] = [];
  private readonly cells = new Map<string, Cell>();

  addSection(section: Section): void {
    this.sections.push(section);
  }

  set(server: ServerId, key: string, cell: Cell): void {
    this.cells.set(`${server}\u0000${key}`, cell);
  }

  get(server: ServerId, key: string): Cell | undefined {
    return this.cells.get(`${server}\u0000${key}`);
  }

  /** The number behind a figure, if it was measured. */
  value(server: ServerId, key: string): number | undefined {
    return this.get(server, key)?.value;
  }

  problem(p: Problem): void {
    this.problems.push(p);
  }
}
