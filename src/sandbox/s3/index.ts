/**
 * Amazon S3 in the sandbox, path-style only (`http://127.0.0.1:PORT/bucket/key`),
 * written for the SDK v3 client: aws-chunked stream uploads with trailing
 * checksums, CRC32 verification, ListObjectsV2 paging, and the bucket
 * settings a secure template sets. Other services use api.ts directly.
 */
import { operationTable, type SandboxService } from '../service-kit.js';
import * as bucket from './bucket-handlers.js';
import * as object from './object-handlers.js';
import { operationOf } from './operations.js';

export { s3Api, type S3Api, type BucketInfo, type ObjectInfo } from './api.js';

export const s3Service: SandboxService = {
  name: 's3',
  protocol: 'rest-xml',
  operationOf,
  handle: operationTable('s3', 'rest-xml', {
    ListBuckets: bucket.listBuckets,
    CreateBucket: bucket.createBucket,
    HeadBucket: bucket.headBucket,
    DeleteBucket: bucket.deleteBucket,
    GetBucketLocation: bucket.getBucketLocation,
    ListObjectsV2: bucket.listObjectsV2,
    ListObjects: bucket.listObjects,
    GetBucketPolicy: bucket.getBucketPolicy,
    PutBucketPolicy: bucket.putBucketPolicy,
    DeleteBucketPolicy: bucket.deleteBucketPolicy,
    GetBucketEncryption: bucket.getBucketEncryption,
    PutBucketEncryption: bucket.putBucketEncryption,
    DeleteBucketEncryption: bucket.deleteBucketEncryption,
    GetPublicAccessBlock: bucket.getPublicAccessBlock,
    PutPublicAccessBlock: bucket.putPublicAccessBlock,
    DeletePublicAccessBlock: bucket.deletePublicAccessBlock,
    GetBucketVersioning: bucket.getBucketVersioning,
    PutBucketVersioning: bucket.putBucketVersioning,
    PutObject: object.putObject,
    GetObject: object.getObject,
    HeadObject: object.getObject,
    DeleteObject: object.deleteObject,
    DeleteObjects: object.deleteObjects,
  }),
};
