/** The revert data a node attached to a failed call, wherever the transport put it. */
export function revertDataOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown): string | undefined => {
    if (e === null || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]*$/.test(o.data)) return o.data;
    for (const k of ["data", "error", "info", "cause"]) {
      const found = visit(o[k]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(err);
}
