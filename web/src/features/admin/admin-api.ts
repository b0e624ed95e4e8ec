import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { requestJson } from '../../api/json.ts';
import type { AuthUser, Role } from '../auth/types.ts';

/** The admin endpoints of docs/auth-api.md, and the shapes they answer. */
export type AdminUser = AuthUser & { officerId?: string | null; disabled: boolean; createdAt: string; lastLoginAt: string | null };

export interface Device {
  id: number;
  name: string;
  username: string;
  userId?: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  townshipCode?: string;
  officerId?: string;
}

export const AUDIT_PAGE = 50;

export const usersQuery = () =>
  queryOptions({
    queryKey: ['admin', 'users'],
    queryFn: async () => (await requestJson<{ users: AdminUser[] }>('GET', '/api/admin/users')).users,
  });

export const devicesQuery = () =>
  queryOptions({
    queryKey: ['admin', 'devices'],
    queryFn: async () => (await requestJson<{ devices: Device[] }>('GET', '/api/admin/devices')).devices,
  });

/** Newest first, a page at a time: the next page starts before the oldest entry shown. */
export const auditQuery = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit'],
    queryFn: async ({ pageParam }) =>
      (await requestJson<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?limit=${AUDIT_PAGE}${pageParam ? `&before=${pageParam}` : ''}`)).entries,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? null : String(last[last.length - 1]!.id)),
    staleTime: 0,
  });

/** The townships for the add-user form, in code order (the metrics that come along are not used). */
export const townshipChoicesQuery = () =>
  queryOptions({
    queryKey: ['admin', 'townships'],
    queryFn: async () => {
      const fc = await unwrap(await api.api.townships.$get({ query: {} }));
      return fc.features.map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.code.localeCompare(b.code));
    },
    staleTime: Infinity,
  });

export const createUser = (u: NewUser) => requestJson<{ user: AdminUser }>('POST', '/api/admin/users', u);

export const updateUser = (id: number, change: { displayName?: string; password?: string; disabled?: boolean }) =>
  requestJson<{ user: AdminUser }>('PATCH', `/api/admin/users/${id}`, change);

export const createDevice = (name: string, userId: number) => requestJson<{ device: Device; token: string }>('POST', '/api/admin/devices', { name, userId });

export const revokeDevice = (id: number) => requestJson<{ device: Device }>('DELETE', `/api/admin/devices/${id}`);
