/**
 * QuickSight's S3 manifest file (AWS.md section 4): where the data files are
 * and how to read them.
 *
 *   {"fileLocations": [{"URIs": ["s3://b/k.json"]}, {"URIPrefixes": ["s3://b/2026/"]}],
 *    "globalUploadSettings": {"format": "JSON"}}
 *
 * https forms (https://b.s3.amazonaws.com/k, https://s3.amazonaws.com/b/k,
 * with or without a region) are read as the s3:// form.
 */

export class ManifestError extends Error {}

export interface FileLocation {
  bucket: string;
  /** The key, or the key prefix for a URIPrefixes entry. */
  key: string;
  prefix: boolean;
}

export interface Manifest {
  locations: FileLocation[];
  format: string;
}

const FORMATS = ['CSV', 'TSV', 'CLF', 'ELF', 'JSON', 'XLSX'];

export function parseManifest(text: string): Manifest {
  if (text.charCodeAt(0) === 0xfeff)
    throw new ManifestError('the manifest file starts with a byte order mark; save it as UTF-8 without one');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`the manifest file is not valid JSON (${(error as Error).message})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new ManifestError('the manifest file must hold a JSON object');
  const { fileLocations, entries, globalUploadSettings } = doc as Record<string, unknown>;

  const locations: FileLocation[] = [];
  if (Array.isArray(entries)) {
    // The Redshift-style manifest: {"entries": [{"url": "s3://b/k", "mandatory": true}]}.
    for (const entry of entries as Array<Record<string, unknown>>)
      locations.push(parseUri(entry?.url, false));
  } else if (Array.isArray(fileLocations)) {
    for (const location of fileLocations as Array<Record<string, unknown>>) {
      const uris = location?.URIs;
      const prefixes = location?.URIPrefixes;
      if (!Array.isArray(uris) && !Array.isArray(prefixes)) {
        throw new ManifestError('each fileLocations entry must hold URIs or URIPrefixes');
      }
      for (const uri of (uris as unknown[] | undefined) ?? []) locations.push(parseUri(uri, false));
      for (const uri of (prefixes as unknown[] | undefined) ?? []) locations.push(parseUri(uri, true));
    }
  } else {
    throw new ManifestError('the manifest file has no fileLocations list');
  }
  if (locations.length === 0) throw new ManifestError('the manifest file lists no files');

  const settings = (globalUploadSettings ?? {}) as Record<string, unknown>;
  const format = String(settings.format ?? 'CSV').toUpperCase();
  if (!FORMATS.includes(format))
    throw new ManifestError(
      `globalUploadSettings.format "${String(settings.format)}" is not one of ${FORMATS.join(', ')}`,
    );
  return { locations, format };
}

function parseUri(value: unknown, prefix: boolean): FileLocation {
  if (typeof value !== 'string' || !value)
    throw new ManifestError('a manifest URI must be a non-empty string');
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(value);
  const virtualHost = /^https:\/\/([^/.]+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com\/?(.*)$/.exec(value);
  const pathStyle = /^https:\/\/s3[.-]([a-z0-9-]+\.)?amazonaws\.com\/([^/]+)\/?(.*)$/.exec(value);
  const [bucket, key] = s3
    ? [s3[1]!, s3[2]!]
    : virtualHost
      ? [virtualHost[1]!, virtualHost[3]!]
      : pathStyle
        ? [pathStyle[2]!, pathStyle[3]!]
        : [];
  if (!bucket) throw new ManifestError(`"${value}" is not an s3:// or https:// S3 address`);
  if (!prefix && !key)
    throw new ManifestError(`"${value}" names a bucket, not a file; list it under URIPrefixes`);
  return { bucket, key: decodeURIComponent(key!), prefix };
}
