import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What the lease needs to know about the machine it runs on. Tests inject their own to play two
 * containers with the same host name and pid, or a process whose pid was reused.
 */
export interface LeaseEnvironment {
  readonly hostname: string;
  readonly pid: number;
  /**
   * Where clocks agree: the host name and the kernel boot id. A contender records when, on its
   * own clock, it first saw a lease unchanged; only contenders of the same clock domain share
   * that record.
   */
  readonly machine: string;
  /** Where pids name the same process: `machine` and the pid namespace (a container has its own). */
  readonly scope: string;
  /** An opaque mark of when process `pid` started (Linux: start time in ticks since boot). */
  processStart(pid: number): string | undefined;
  isProcessAlive(pid: number): boolean;
}

/** Who asks for the lease: a random id (fresh per claim) plus who it is, for messages. */
export interface LeaseClaim {
  /** Random; the lease row's `owner`. Never host name + pid: two containers can share both. */
  readonly id: string;
  readonly command: string;
  readonly host: string;
  readonly pid: number;
  readonly scope: string;
  readonly processStart?: string;
}

/** `process.kill(pid, 0)` sends nothing; it fails with ESRCH when there is no such process. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOr(read: () => string, fallback: string): string {
  try {
    return read().trim();
  } catch {
    return fallback;
  }
}

/** Linux `/proc/<pid>/stat` field 22 (start time); `undefined` elsewhere or when gone. */
function linuxProcessStart(pid: number): string | undefined {
  const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), '');
  // The command name (field 2) may contain spaces; fields after it follow its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/**
 * The environment variable that names this process's pod (or other container instance) for the
 * lease: in Kubernetes, `$(POD_NAME)/$(POD_UID)` from the downward API (examples/kubernetes/).
 * Pods of one shard share a host name (a StatefulSet's `quartermaster-1` in every incarnation,
 * an Indexed Job's `<job>-<index>` in every retry) and run node as pid 1, so host and pid alone
 * do not tell them apart.
 */
export const LEASE_IDENTITY_ENV = 'QM_LEASE_IDENTITY';

/** What a process knows about where it runs, read from the OS (tests pass their own). */
export interface HostFacts {
  readonly hostname: string;
  readonly pid: number;
  /** The kernel boot id (`''` when unreadable). */
  readonly bootId: string;
  /** The pid namespace (`/proc/self/ns/pid`, `''` when unreadable). */
  readonly pidNamespace: string;
  processStart(pid: number): string | undefined;
  isProcessAlive(pid: number): boolean;
}

/**
 * The lease environment of a process. With an `identity` (`QM_LEASE_IDENTITY`, trimmed; empty
 * means none) the lease names the holder by it instead of the host name, and its scope includes
 * it: a dead holder's pid is only judged by a process of the same identity, so two pods that
 * share a host name and pid 1 never take each other's lease as "owner gone", even where the
 * boot id or pid namespace cannot be read.
 */
export function buildLeaseEnvironment(facts: HostFacts, identity?: string): LeaseEnvironment {
  const named = identity?.trim() ?? '';
  const machine = `${facts.hostname}/${facts.bootId}`;
  return {
    hostname: named === '' ? facts.hostname : named,
    pid: facts.pid,
    machine,
    scope: `${machine}/${facts.pidNamespace}${named === '' ? '' : `/${named}`}`,
    processStart: (pid) => facts.processStart(pid),
    isProcessAlive: (pid) => facts.isProcessAlive(pid),
  };
}

export const systemLeaseEnvironment: LeaseEnvironment = buildLeaseEnvironment(
  {
    hostname: hostname(),
    pid: process.pid,
    bootId: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'), ''),
    pidNamespace: readOr(() => readlinkSync('/proc/self/ns/pid'), ''),
    processStart: linuxProcessStart,
    isProcessAlive,
  },
  process.env[LEASE_IDENTITY_ENV],
);

/** A new claim for `command` by this process (a fresh random id each call). */
export function createLeaseClaim(
  command: string,
  env: LeaseEnvironment = systemLeaseEnvironment,
): LeaseClaim {
  const start = env.processStart(env.pid);
  return {
    id: randomUUID(),
    command,
    host: env.hostname,
    pid: env.pid,
    scope: env.scope,
    ...(start === undefined ? {} : { processStart: start }),
  };
}

/**
 * A claim from a bare owner string (older callers and tests): `host:pid:command` is kept for
 * display; its scope is unknown, so it is never taken over as a dead same-host process.
 */
export function claimFromOwner(owner: string): LeaseClaim {
  const match = /^([^:]+):(\d+):(.*)$/.exec(owner);
  return {
    id: owner,
    command: match?.[3] ?? '',
    host: match?.[1] ?? '',
    pid: Number(match?.[2] ?? 0),
    scope: `unknown:${owner}`,
  };
}

/** `host pid N (command)` for messages. */
export function describeClaim(c: { host?: string; pid?: number; command?: string }): string {
  if (c.host === undefined || c.host === '') return 'an unknown writer';
  return `${c.host} pid ${c.pid ?? '?'}${c.command ? ` (${c.command})` : ''}`;
}
