import type { Agency, DisputeCategory, DisputeChannel, DisputeStatus, HazardCategory, HazardStatus, Severity, VillageKind, VisitKind } from '../../contract/enums.ts';
import type { VillageGeometry } from './geometry.ts';

/** Row shapes of the synthetic operations. Instants are ISO strings with +08:00; dates are YYYY-MM-DD. */

export interface SeedVillage {
  /** 12-digit statistical code. */
  code: string;
  /** 9-digit township code. */
  townshipCode: string;
  kind: VillageKind;
  population: number;
  /** WGS84 lon/lat. */
  geometry: VillageGeometry;
}

export interface GenerateOptions {
  villages: SeedVillage[];
  seed: number;
  /** Multiplies event volumes (disputes, hazards, visits); default 1. */
  scale?: number;
  /** Events are generated up to this instant. */
  now: Date;
  /** First local date covered; default '2024-01-01'. */
  start?: string;
}

export interface Officer {
  id: string;
  name: string;
  agency: Agency;
  villageCode: string;
  phone: string;
  linkedSince: string;
}

export interface Visit {
  id: string;
  officerId: string;
  villageCode: string;
  kind: VisitKind;
  visitedAt: string;
  lng: number;
  lat: number;
}

export interface Dispute {
  id: string;
  category: DisputeCategory;
  channel: DisputeChannel;
  status: DisputeStatus;
  villageCode: string;
  receivedAt: string;
  mediationStartedAt: string | null;
  concludedAt: string | null;
  lng: number;
  lat: number;
  summary: string;
  partyName: string;
  partyPhone: string;
}

export interface Hazard {
  id: string;
  category: HazardCategory;
  severity: Severity;
  department: string;
  status: HazardStatus;
  reportedAt: string;
  routedAt: string | null;
  startedAt: string | null;
  closedAt: string | null;
  deadline: string;
  villageCode: string;
  lng: number;
  lat: number;
  description: string;
  reporterName: string;
  reporterPhone: string;
}

export interface Guardian {
  id: string;
  name: string;
  villageCode: string;
  since: string;
}

/** A campaign (专项行动) as seeded: dates are local YYYY-MM-DD, townships null for the county. */
export interface SeedCampaign {
  code: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  disputeCategories: string[];
  hazardCategories: string[];
  townships: string[] | null;
  leadDepartment: string;
  autoTag: boolean;
}

export interface OperationsMeta {
  seed: number;
  scale: number;
  /** First local date covered. */
  start: string;
  /** The `now` the data was generated up to, ISO +08:00. */
  end: string;
  counts: { officers: number; visits: number; disputes: number; hazards: number; guardians: number };
}

export interface Operations {
  officers: Officer[];
  visits: Visit[];
  disputes: Dispute[];
  hazards: Hazard[];
  guardians: Guardian[];
  campaigns: SeedCampaign[];
  meta: OperationsMeta;
}
