import { mockClient } from 'aws-sdk-client-mock';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { UserError } from '../../src/cli/errors.js';
import { explainCredentials, isNotFound, EXPIRED_CREDENTIALS_ERR, NO_CREDENTIALS_ERR } from '../../src/aws/errors.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('credential problems, found at any point of a run', () => {
  it('says "expired" and how to fix it for an expired session token', async () => {
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).rejects(new ExpiredTokenException({ message: 'The security token included in the request is expired', $metadata: {} }));
    const client = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

    const error = await client.send(new GetCallerIdentityCommand({})).catch((e) => e);
    const explained = explainCredentials(error);

    expect(explained).toBeInstanceOf(UserError);
    expect((explained as UserError).message).toBe(EXPIRED_CREDENTIALS_ERR);
    expect((explained as UserError).tryThis).toMatch(/aws sso login.*--sandbox/);
    sts.restore();
  });

  it('says "no credentials" when the provider chain found none', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect((explainCredentials(error) as UserError).message).toBe(NO_CREDENTIALS_ERR);
  });

  it('leaves every other error as it is', () => {
    const error = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    expect(explainCredentials(error)).toBe(error);
  });

  it('treats only "does not exist" validation errors as not found', () => {
    expect(isNotFound(Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError' }))).toBe(true);
    expect(isNotFound(Object.assign(new Error('Template format error'), { name: 'ValidationError' }))).toBe(false);
    expect(isNotFound(Object.assign(new Error('x'), { name: 'ResourceNotFoundException' }))).toBe(true);
  });
});
