/**
 * The manifest file QuickSight's S3 data source reads: where the data is and
 * that it is JSON. It lives in the data bucket itself, so it must not point
 * at the whole bucket (QuickSight would read the manifest as data); it names
 * the year folders Firehose writes under instead (YYYY/MM/dd/HH/...).
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';
import { isNotFound } from './errors.js';
import { manifestText } from './quicksight-assets.js';

export const MANIFEST_KEY = 'quicksight/theme-park-data-manifest.json';

/** `s3://bucket/YYYY/` for every year folder in the bucket, in order. */
export async function dataPrefixes(clients: AwsClients, bucket: string): Promise<string[]> {
  const prefixes: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/', ContinuationToken: token }),
    );
    for (const { Prefix } of page.CommonPrefixes ?? []) {
      if (Prefix && /^\d{4}\/$/.test(Prefix)) prefixes.push(`s3://${bucket}/${Prefix}`);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return prefixes.sort();
}

export type ManifestChange = 'created' | 'updated' | 'unchanged';

/** Writes the manifest for these prefixes unless the bucket already holds exactly that text. */
export async function writeManifest(
  clients: AwsClients,
  bucket: string,
  prefixes: string[],
): Promise<{ change: ManifestChange; text: string }> {
  const text = manifestText(prefixes);
  const current = await readText(clients, bucket, MANIFEST_KEY);
  if (current === text) return { change: 'unchanged', text };
  await clients.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: MANIFEST_KEY,
      Body: text,
      ContentType: 'application/json; charset=utf-8',
    }),
  );
  return { change: current === undefined ? 'created' : 'updated', text };
}

async function readText(clients: AwsClients, bucket: string, key: string): Promise<string | undefined> {
  try {
    const out = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await out.Body?.transformToString('utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
