import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { adSyncBuildersFor, handlerBuilders } from '../../infra/compose/handlers';
import { manifest, manifestFor } from '../../infra/manifest';
import { startSandboxesOf } from '../../infra/sandbox/ads';
import { AD_SANDBOXES, type AdSandboxEntry, type RunningAdSandbox } from '../../infra/sandbox/registry';
import { functionAccessFor } from '../../infra/terraform/permissions';
import { renderFunctionsTf } from '../../infra/terraform/render';
import { platformLabelsFrom } from '../../web/src/labels';
import { regionFromNameAnyCountry } from '../domain/ads/regions';
import { platformOfClickIdType } from '../domain/attribution/channels';
import { AD_PLATFORMS } from '../domain/entities';
import type { ExportSpec } from './ads/ad-export';
import type { AdConnectorFactory } from './ads/connector';
import { IMPORT_SOURCES, importSourcesOf } from './imports/types';
import { clickIdOf } from './order-rows';
import {
  AD_PLATFORM_REGISTRY,
  type AdPlatformEntry,
  type AdPlatformRegistry,
  platformLabelsOf,
  platformMatcherOf,
} from './registry';

const FAKE_EXPORT = { columns: {}, required: [] } as unknown as ExportSpec;
const fakeConnector: AdConnectorFactory = () => {
  throw new Error('the fake platform has no API');
};

/** A fourth platform, registered the way a new folder would be: one entry. */
const FAKE: AdPlatformEntry = {
  platform: 'fakeads',
  slug: 'fake-ads',
  label: 'Fake Ads',
  clickIdParams: ['fkclid'],
  utmSources: ['fakeads', 'fake'],
  connector: async () => fakeConnector,
  exportSpec: async () => FAKE_EXPORT,
  regions: { kind: 'name-any-country', map: regionFromNameAnyCountry },
  sync: { queue: 'sync-fake-ads', maxDispatchesPerSecond: 3, secrets: ['FAKE_ADS_APP_SECRET'] },
};
const WITH_FAKE: AdPlatformRegistry = { ...AD_PLATFORM_REGISTRY, fakeads: FAKE };

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>> };

describe('the ad platform registry', () => {
  it('has one entry per AD_PLATFORMS member, keyed by it', () => {
    expect(Object.keys(AD_PLATFORM_REGISTRY).sort()).toEqual([...AD_PLATFORMS].sort());
    for (const [key, e] of Object.entries(AD_PLATFORM_REGISTRY)) expect(e.platform).toBe(key);
    expect(Object.keys(AD_SANDBOXES).sort()).toEqual([...AD_PLATFORMS].sort());
  });

  it('wires every registered platform: function, queue, builder, importer, Terraform', () => {
    const tf = renderFunctionsTf(manifest) as Tf;
    for (const e of Object.values(AD_PLATFORM_REGISTRY)) {
      const fn = manifest.find((f) => f.name === `sync-${e.slug}`);
      expect(fn?.trigger).toMatchObject({ kind: 'task', queue: e.sync.queue });
      expect(handlerBuilders).toHaveProperty(`sync-${e.slug}`);
      expect(IMPORT_SOURCES).toContain(e.platform);
      expect(Object.values(tf.resource.google_cloud_tasks_queue ?? {})).toContainEqual(
        expect.objectContaining({ name: e.sync.queue }),
      );
    }
  });

  it('wires a fake fourth platform everywhere from its one entry', async () => {
    const withFake = manifestFor(WITH_FAKE);
    expect(withFake.length).toBe(manifest.length + 1);
    const fn = withFake.find((f) => f.name === 'sync-fake-ads');
    expect(fn).toMatchObject({
      trigger: { kind: 'task', queue: 'sync-fake-ads', maxDispatchesPerSecond: 3 },
      secrets: ['FAKE_ADS_APP_SECRET'],
    });

    const tf = renderFunctionsTf(withFake, functionAccessFor(WITH_FAKE)) as Tf;
    expect(Object.values(tf.resource.google_cloud_tasks_queue ?? {})).toContainEqual(
      expect.objectContaining({ name: 'sync-fake-ads' }),
    );
    expect(Object.values(tf.resource.google_cloudfunctions2_function ?? {})).toContainEqual(
      expect.objectContaining({ name: 'sync-fake-ads' }),
    );
    // Without the registry-derived access the generator refuses the unknown function.
    expect(() => renderFunctionsTf(withFake)).toThrow(/no access entry for sync-fake-ads/);

    expect(Object.keys(adSyncBuildersFor(WITH_FAKE))).toContain('sync-fake-ads');
    expect(importSourcesOf(WITH_FAKE)).toContain('fakeads');

    expect(platformLabelsOf(WITH_FAKE).fakeads).toBe('Fake Ads');
    expect(platformLabelsFrom(WITH_FAKE).fakeads).toBe('Fake Ads');

    const matcher = platformMatcherOf(WITH_FAKE);
    expect(matcher.platformOfClickIdType('FKCLID')).toBe('fakeads');
    expect(matcher.platformOfSource('fake')).toBe('fakeads');
    expect(matcher.platformOfClickIdType('gclid')).toBe('google_ads');
    // The Shopify mapping finds the fake's click id in a landing URL when given the registry's list.
    expect(clickIdOf('/products/x?fkclid=F-1', matcher.clickIdParams)).toEqual({ id: 'F-1', type: 'fkclid' });
    expect(clickIdOf('/products/x?fkclid=F-1')).toBeUndefined();
    // The production matcher does not know the fake: it is not in the domain facts.
    expect(platformOfClickIdType('fkclid')).toBeNull();
  });

  it('starts a fake platform sandbox from its sandbox entry and closes it', async () => {
    let closed = false;
    const fakeSandbox: AdSandboxEntry = {
      credentials: { accessToken: 'fake-token' },
      account: { accountId: 'fake-1', timezone: 'Etc/UTC', currency: 'EUR' },
      async start(): Promise<RunningAdSandbox> {
        const server = createServer((_req, res) => res.end('ok'));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const port = (server.address() as AddressInfo).port;
        return {
          url: `http://127.0.0.1:${port}`,
          setEndDate() {},
          close: () =>
            new Promise<void>((resolve) =>
              server.close(() => {
                closed = true;
                resolve();
              }),
            ),
        };
      },
    };
    const started = await startSandboxesOf({ fakeads: fakeSandbox }, { endDate: '2026-03-10' });
    expect(Object.keys(started.urls)).toEqual(['fakeads']);
    expect(await (await fetch(started.urls.fakeads)).text()).toBe('ok');
    expect(started.fxUrl).toBe(`${started.urls.fakeads}/service/data`);
    await started.close();
    expect(closed).toBe(true);
  });

  it('loads a platform connector and export spec only on use', async () => {
    const meta = await AD_PLATFORM_REGISTRY.meta.connector();
    expect(typeof meta).toBe('function');
    expect((await AD_PLATFORM_REGISTRY.google_ads.exportSpec()).platform).toBe('google_ads');
  });
});
