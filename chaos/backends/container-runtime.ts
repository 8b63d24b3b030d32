/**
 * Is there a container runtime? Asked of testcontainers' own chain of
 * runtime strategies (TESTCONTAINERS_HOST_OVERRIDE/DOCKER_HOST,
 * ~/.testcontainers.properties, /var/run/docker.sock, rootless sockets,
 * Windows pipes), with a time limit so a dead socket cannot hang a test run.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { installCommand, missingPeerOf } from '../../core/optional-peers.js';

/** The answer, with a one-line reason either way. */
export type ContainerRuntimeAnswer =
  { readonly available: true; readonly reason: string } | { readonly available: false; readonly reason: string };

/**
 * Looks for a container runtime.
 *
 * @example
 * ```ts
 * const runtime = await detectContainerRuntime();
 * if (!runtime.available) test.skip(true, runtime.reason);
 * ```
 */
export async function detectContainerRuntime(
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ContainerRuntimeAnswer> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const hints = [
    env['DOCKER_HOST'],
    env['TESTCONTAINERS_HOST_OVERRIDE'],
    ...['/var/run/docker.sock', join(homedir(), '.testcontainers.properties'), join(homedir(), '.docker', 'run', 'docker.sock')].filter(
      existsSync,
    ),
    ...(env['XDG_RUNTIME_DIR'] ? [join(env['XDG_RUNTIME_DIR'], 'docker.sock')].filter(existsSync) : []),
  ].filter((hint): hint is string => typeof hint === 'string' && hint !== '');
  if (hints.length === 0 && process.platform !== 'win32') {
    return { available: false, reason: 'no container runtime: DOCKER_HOST is unset and there is no Docker socket (/var/run/docker.sock)' };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await Promise.race([
      getContainerRuntimeClient(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const info = client.info.containerRuntime;
    return {
      available: true,
      reason: `container runtime ${info.operatingSystem} ${info.serverVersion} at ${info.host} (found by testcontainers)`,
    };
  } catch (error) {
    if (missingPeerOf(error, ['testcontainers'])) {
      return { available: false, reason: `no container runtime looked for: testcontainers is not installed (${installCommand(['testcontainers'])})` };
    }
    const message = (error as Error).message.split('\n')[0];
    return {
      available: false,
      reason: `no container runtime: testcontainers found none (${message}; tried ${hints.join(', ') || 'the default sockets'})`,
    };
  } finally {
    clearTimeout(timer);
  }
}
