/**
 * Starts the sandbox: one HTTP server on 127.0.0.1 answering every service in
 * SANDBOX_SERVICES, with state loaded from and saved to `options.home`.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SandboxOptions } from './options.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { Router } from './router.js';
import { SANDBOX_SERVICES } from './services.js';
import { SandboxStore } from './store.js';
import type { SandboxRuntime, SandboxService } from './types.js';

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`, for the SDK clients' `endpoint`. */
  endpoint: string;
  port: number;
  /** The in-process runtime: state, memory, options. For tests and services. */
  state: SandboxRuntime;
  /** The requests answered so far (the most recent, in memory), oldest first. */
  requestLog(): RequestLogEntry[];
  /** Stops taking requests, stops the services, saves state. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartExtras {
  /** @default SANDBOX_SERVICES */
  services?: readonly SandboxService[];
  /** @default prints the error's stack to stderr */
  onInternalError?: (error: unknown, where: string) => void;
}

/** Thrown by startSandbox when the port is taken. */
export class SandboxPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`sandbox: port ${port} is already in use on 127.0.0.1; choose another with --port`);
    this.name = 'SandboxPortInUseError';
  }
}

/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 2000;

export async function startSandbox(options: SandboxOptions, extras: StartExtras = {}): Promise<RunningSandbox> {
  const services = extras.services ?? SANDBOX_SERVICES;
  await mkdir(options.home, { recursive: true });
  const store = await SandboxStore.open(join(options.home, 'state'));
  const log = new RequestLog(join(options.home, 'requests.log'));
  const runtime = createRuntime(options, store, log);

  for (const service of services) await service.start?.(runtime);

  const onInternalError =
    extras.onInternalError ??
    ((error: unknown, where: string) => {
      process.stderr.write(`sandbox: unexpected failure in ${where}: ${error instanceof Error ? error.stack : String(error)}\n`);
    });
  const router = new Router(runtime, services, onInternalError);
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    router.handle(req, res).catch((error: unknown) => {
      onInternalError(error, 'writing a response');
      res.destroy();
    });
  });

  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    for (const service of services) await service.stop?.(runtime);
    await Promise.all([store.close(), log.close()]);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    state: runtime,
    requestLog: () => log.list(),
    close: () =>
      (closing ??= (async () => {
        await stopServer(server);
        for (const service of services) await service.stop?.(runtime);
        await store.close();
        await log.close();
      })()),
  };
}

function createRuntime(options: SandboxOptions, store: SandboxStore, log: RequestLog): SandboxRuntime {
  const timeScale = options.timeScale ?? 1;
  const memory = new Map<string, unknown>();
  return {
    home: options.home,
    options,
    timeScale,
    store,
    log,
    now: () => new Date(),
    scaledMs: (seconds) => (seconds * 1000) / timeScale,
    memory<T>(name: string, init: () => T): T {
      if (!memory.has(name)) memory.set(name, init());
      return memory.get(name) as T;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new SandboxPortInUseError(port) : error);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
