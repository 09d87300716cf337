/** Opaque cursors like the platforms hand out (base64 of an offset). */
export const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : 0;
}
export function pageOf<T>(rows: readonly T[], offset: number, size: number): T[] {
  return rows.slice(offset, offset + Math.max(1, Math.min(size, 1000)));
}
