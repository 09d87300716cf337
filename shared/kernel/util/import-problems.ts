import { ValidationError } from '../errors';

/**
 * Everything wrong with an import, collected over all its files so a merchant fixes them in one go:
 * each problem names `file:line:column` and says what was expected in the platform's own words.
 * An import with any problem writes nothing (the callers check before their first write).
 */
export interface ImportProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** How many problems an answer lists; the total is always given. */
export const LISTED_PROBLEMS = 50;

export const formatProblem = (p: ImportProblem) => `${p.file}:${p.line}:${p.column}: ${p.message}`;

/** Problems of one file; `at` is a position in it (1-based line and character column). */
export interface FileProblems {
  readonly file: string;
  add(at: { line: number; column: number }, message: string): void;
}

export interface ImportProblems {
  forFile(file: string): FileProblems;
  readonly count: number;
  /** The first LISTED_PROBLEMS, by file, line and column. */
  listed(): ImportProblem[];
  /** Throws one ValidationError listing the problems (capped) with the total, if there are any. */
  throwIfAny(): void;
}

export function createImportProblems(): ImportProblems {
  const all: ImportProblem[] = [];
  const fileOrder: string[] = [];
  // In reading order: by file (as given), then line and column, whatever order they were found in.
  const sorted = () =>
    [...all].sort(
      (a, b) =>
        fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line || a.column - b.column,
    );
  const listed = () => sorted().slice(0, LISTED_PROBLEMS);
  return {
    forFile: (file) => {
      if (!fileOrder.includes(file)) fileOrder.push(file);
      return {
        file,
        add: (at, message) => {
          all.push({ file, line: at.line, column: at.column, message });
        },
      };
    },
    get count() {
      return all.length;
    },
    listed,
    throwIfAny() {
      if (all.length === 0) return;
      throw new ImportRejectedError(listed(), all.length);
    },
  };
}

/** An import refused as a whole: every listed problem, and how many there were in all. */
export class ImportRejectedError extends ValidationError {
  constructor(
    readonly problems: ImportProblem[],
    readonly total: number,
  ) {
    const more = total > problems.length ? `\n… and ${total - problems.length} more` : '';
    super(
      `${total} problem${total === 1 ? '' : 's'} found, nothing was imported:\n${problems.map(formatProblem).join('\n')}${more}`,
      { details: { total, problems } },
    );
  }
}
