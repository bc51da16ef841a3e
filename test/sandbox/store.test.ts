import { afterAll, describe, expect, test } from '@jest/globals';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SandboxStore } from '../../src/sandbox/store.js';
import { makeTempHome, removeHome } from './helpers.js';

describe('the sandbox state store', () => {
  const homes: string[] = [];
  afterAll(async () => Promise.all(homes.map(removeHome)));

  test('slices survive a close and reopen, per account and globally', async () => {
    const dir = join(await makeTempHome(), 'state');
    homes.push(dir.replace(/\/state$/, ''));
    const first = await SandboxStore.open(dir);
    const streams = first.account('111111111111').slice('firehose', () => ({ names: [] as string[] }));
    streams.names.push('ds');
    first.account('111111111111').markDirty();
    first.global.slice('s3', () => ({ buckets: { b: '111111111111' } }));
    await first.close();

    expect((await readdir(dir)).sort()).toEqual(['account-111111111111.json', 'global.json']);
    const second = await SandboxStore.open(dir);
    expect(second.account('111111111111').slice('firehose', () => ({ names: ['wrong'] }))).toEqual({ names: ['ds'] });
    expect(second.global.slice('s3', () => ({}))).toEqual({ buckets: { b: '111111111111' } });
    expect(second.account('222222222222').slice('firehose', () => ({ names: [] }))).toEqual({ names: [] });
    expect(second.accounts().sort()).toEqual(['111111111111', '222222222222']);
    await second.close();
  });

  test('changes are written in the background without an explicit flush', async () => {
    const dir = join(await makeTempHome(), 'state');
    homes.push(dir.replace(/\/state$/, ''));
    const store = await SandboxStore.open(dir, 5);
    store.account('333333333333').slice('iam', () => ({ roles: ['r'] }));
    let text = '';
    for (let i = 0; i < 200 && !text; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      text = await readFile(join(dir, 'account-333333333333.json'), 'utf8').catch(() => '');
    }
    expect(JSON.parse(text)).toEqual({ format: 1, slices: { iam: { roles: ['r'] } } });
    await store.close();
  });

  test('a corrupt state file is refused with a message naming it', async () => {
    const dir = join(await makeTempHome(), 'state');
    homes.push(dir.replace(/\/state$/, ''));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'global.json'), '{"format":1,"sl');
    await expect(SandboxStore.open(dir)).rejects.toThrow(`${join(dir, 'global.json')} is not valid JSON`);
  });
});
