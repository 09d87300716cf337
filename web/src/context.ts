import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Brand } from '../../shared/domain/entities';
import type { ApiClient } from './api/client';
import type { Auth, Session } from './auth/session';
import type { Format } from './format';

/** What every page may use: the API, the signed-in session, and the brand in view. */
export interface AppServices {
  api: ApiClient;
  auth: Auth;
  session: Session;
  brands: readonly Brand[];
  /** The tenant's display name (the merchant or agency). */
  tenantName: string;
  reloadBrands: () => void;
  /** Whether the API's permission table lets the caller do this (`recommendations:apply`…). */
  can: (permission: string) => boolean;
  /** Viewer language for Intl (navigator.language). */
  locale: string;
}

export const ServicesContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside the signed-in app');
  return s;
}

export interface BrandView {
  brand: Brand;
  fmt: Format;
}

export const BrandContext = createContext<BrandView | undefined>(undefined);

export function useBrand(): BrandView {
  const b = useContext(BrandContext);
  if (!b) throw new Error('useBrand outside a brand page');
  return b;
}
