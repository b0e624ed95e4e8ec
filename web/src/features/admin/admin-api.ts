import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { CampaignChange, NewCampaign, NewUser, UserChange } from '../../api/types.ts';

export type { AdminUser, AuditEntry, Campaign, Device, NewUser, UserChange } from '../../api/types.ts';

/** The admin endpoints of docs/auth-api.md. */
const admin = api.api.admin;

export const AUDIT_PAGE = 50;

export const usersQuery = () =>
  queryOptions({
    queryKey: ['admin', 'users'],
    queryFn: async () => (await unwrap(await admin.users.$get({ query: {} }))).users,
  });

export const devicesQuery = () =>
  queryOptions({
    queryKey: ['admin', 'devices'],
    queryFn: async () => (await unwrap(await admin.devices.$get({ query: {} }))).devices,
  });

/** Newest first, a page at a time: the next page starts before the oldest entry shown. */
export const auditQuery = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit'],
    queryFn: async ({ pageParam }) => (await unwrap(await admin.audit.$get({ query: { limit: String(AUDIT_PAGE), ...(pageParam ? { before: pageParam } : {}) } }))).entries,
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

export const createUser = async (u: NewUser) => unwrap(await admin.users.$post({ json: u }));

export const updateUser = async (id: number, change: UserChange) => unwrap(await admin.users[':id'].$patch({ param: { id: String(id) }, json: change }));

export const createDevice = async (name: string, userId: number) => unwrap(await admin.devices.$post({ json: { name, userId } }));

export const revokeDevice = async (id: number) => unwrap(await admin.devices[':id'].$delete({ param: { id: String(id) } }));

/** Every campaign the admin sees (the county's), with the same list the dashboard reads. */
export const adminCampaignsQuery = () =>
  queryOptions({
    queryKey: ['admin', 'campaigns'],
    queryFn: async () => (await unwrap(await api.api.campaigns.$get({ query: {} }))).campaigns,
  });

export const createCampaign = async (c: NewCampaign) => unwrap(await admin.campaigns.$post({ json: c }));

export const updateCampaign = async (code: string, change: CampaignChange) => unwrap(await admin.campaigns[':code'].$patch({ param: { code }, json: change }));

/** untag: remove its tags from the cases too (the API refuses a campaign in use without it). */
export const deleteCampaign = async (code: string, untag = false) => {
  const res = await admin.campaigns[':code'].$delete({ param: { code }, query: untag ? { untag: 'true' } : {} });
  if (!res.ok) await unwrap(res);
};
