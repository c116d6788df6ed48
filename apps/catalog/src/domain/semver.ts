/** Semantic versions MAJOR.MINOR.PATCH (no pre-release tags): what catalog versions use. */
export type SemVer = [number, number, number];

const PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

export function parseSemVer(text: string): SemVer | undefined {
  const match = PATTERN.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatSemVer(version: SemVer): string {
  return version.join('.');
}

/** The highest of some version strings (unparseable ones ignored). */
export function highestVersion(versions: string[]): SemVer | undefined {
  let highest: SemVer | undefined;
  for (const text of versions) {
    const version = parseSemVer(text);
    if (version !== undefined && (highest === undefined || compareSemVer(version, highest) > 0))
      highest = version;
  }
  return highest;
}

/** The next minor version after the highest (1.0.0 for a first version). */
export function nextMinor(versions: string[]): string {
  const highest = highestVersion(versions);
  return highest === undefined ? '1.0.0' : formatSemVer([highest[0], highest[1] + 1, 0]);
}

/** Versions newest first. */
export function sortNewestFirst<T extends { version: string }>(records: T[]): T[] {
  return [...records].sort((a, b) =>
    compareSemVer(parseSemVer(b.version) ?? [0, 0, 0], parseSemVer(a.version) ?? [0, 0, 0]),
  );
}

/** The newest PUBLISHED version, if any: what `latestVersion` shows and what a clone takes by default. */
export function latestPublished<T extends { version: string; status: string }>(versions: T[]): T | undefined {
  return sortNewestFirst(versions.filter((version) => version.status === 'PUBLISHED'))[0];
}
