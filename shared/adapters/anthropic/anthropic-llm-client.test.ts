import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WORLD, worldBrand } from '../../../test/support/world';
import { openWorld, type World, worldAgent } from '../../../test/support/world-harness';
import { createTokenLedger } from '../../insights/ledger';
import { BudgetExceededError } from '../../kernel/errors';
import { createAnthropicLlmClient } from './anthropic-llm-client';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');

/** A loopback Messages API: replays recorded responses in order and keeps what it was sent. */
function stubMessagesApi() {
  const queue: Array<{ status: number; body: string; headers?: Record<string, string> }> = [];
  const requests: Array<{
    headers: Record<string, string | string[] | undefined>;
    body: Record<string, unknown>;
  }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(body) });
      const next = queue.shift() ?? {
        status: 500,
        body: '{"type":"error","error":{"type":"api_error","message":"no more"}}',
      };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body);
    });
  });
  return {
    queue,
    requests,
    async listen() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let w: World;
let stub: ReturnType<typeof stubMessagesApi>;
let baseURL: string;
beforeAll(async () => {
  w = await openWorld({ budgetMicros: 25_000 });
  stub = stubMessagesApi();
  baseURL = await stub.listen();
});
afterAll(async () => {
  await stub.close();
  await w.close();
});
afterEach(() => {
  stub.requests.length = 0;
  stub.queue.length = 0;
});

function agent(maxRetries = 0) {
  const llm = createAnthropicLlmClient({
    apiKey: 'sk-ant-test-key',
    model: 'claude-sonnet-4-5',
    baseURL,
    maxRetries,
    timeoutMs: 5_000,
  });
  return worldAgent(w, llm);
}

describe('Anthropic LlmClient against a replayed Messages API', () => {
  it('runs the tool loop, caches the stable prefix, and records usage and cost per call', async () => {
    stub.queue.push(
      { status: 200, body: fixture('kpis-tool-use') },
      { status: 200, body: fixture('kpis-answer') },
    );
    const a = await agent().ask(w.ctx, worldBrand(), 'How did we do this week?', 'ask');

    expect(a.toolCalls.map((c) => [c.name, c.input])).toEqual([['get_kpis', { days: 7 }]]);
    expect(a.toolCalls[0]!.output).toMatchObject({
      spend: 2380,
      revenue: 9960.17,
      roas: 4.18,
      profit: 4398.4,
    });
    expect(a).toMatchObject({ grounded: true, model: 'claude-sonnet-4-5-20250929', rounds: 1 });
    expect(a.usage).toEqual({
      inputTokens: 3950,
      outputTokens: 184,
      cacheCreationInputTokens: 1620,
      cacheReadInputTokens: 1620,
    });
    // 1850×3 + 64×15 + 1620×3.75 = 12 585; 2100×3 + 120×15 + 1620×0.3 = 8 586 (micro-USD)
    expect(a.costMicros).toBe(21_171);

    const [first, second] = stub.requests;
    expect(first!.headers.authorization).toBe('Bearer sk-ant-test-key');
    expect(first!.headers['x-stainless-timeout']).toBe('5');
    expect(first!.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', cache_control: { type: 'ephemeral' } }],
    });
    const tools = first!.body.tools as Array<Record<string, unknown>>;
    expect(tools.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(tools.map((t) => t.name)).toContain('get_inventory_risks');
    const lastTurn = (
      second!.body.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>
    ).at(-1)!;
    expect(lastTurn.content[0]).toMatchObject({
      type: 'tool_result',
      tool_use_id: 'toolu_01A09q90qw90lq917835lq9',
    });
    expect(JSON.parse(String(lastTurn.content[0]!.content))).toMatchObject({ revenue: 9960.17 });

    expect(await w.store.aiUsage.month(w.ctx, '2026-11')).toEqual({
      month: '2026-11',
      costMicros: 21_171,
      calls: 2,
    });
    const rows = await createTokenLedger(w).usage(w.ctx, '2026-11-01', '2026-11-30');
    expect(rows).toEqual([
      {
        date: '2026-11-21',
        operation: 'ask',
        model: 'claude-sonnet-4-5-20250929',
        calls: 2,
        input_tokens: 3950,
        output_tokens: 184,
        cache_creation_tokens: 1620,
        cache_read_tokens: 1620,
        cost_micros: 21_171,
      },
    ]);
  });

  it('flags an answer with a number no tool returned', async () => {
    stub.queue.push(
      { status: 200, body: fixture('kpis-tool-use') },
      { status: 200, body: fixture('invented-answer') },
    );
    await w.store.tenants.upsert(w.ctx, {
      ...(await w.store.tenants.get(w.ctx))!,
      aiMonthlyBudgetMicros: 1_000_000,
    });
    const a = await agent().ask(w.ctx, worldBrand(), 'How did we do this week?', 'ask');
    expect(a).toMatchObject({ grounded: false, ungroundedNumbers: ['12,345.00'] });
  });

  it('retries an overloaded API through the SDK and then answers', async () => {
    stub.queue.push(
      {
        status: 529,
        body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
        headers: { 'retry-after-ms': '10' },
      },
      { status: 200, body: fixture('kpis-tool-use') },
      { status: 200, body: fixture('kpis-answer') },
    );
    const a = await agent(2).ask(w.ctx, worldBrand(), 'How did we do this week?', 'ask');
    expect(a.grounded).toBe(true);
    expect(stub.requests).toHaveLength(3);
  });

  it('refuses before calling the API once the monthly budget is used up', async () => {
    await w.store.tenants.upsert(w.ctx, {
      ...(await w.store.tenants.get(w.ctx))!,
      aiMonthlyBudgetMicros: 25_000,
    });
    const refused = agent()
      .ask(w.ctx, worldBrand(), 'How did we do?', 'ask')
      .catch((e: unknown) => e);
    await expect(refused).resolves.toBeInstanceOf(BudgetExceededError);
    // The money in the refusal reads as the app writes money: "$0.03", never "USD 0.03".
    expect(String(((await refused) as Error).message)).toMatch(/used up \(\$\d+\.\d\d of \$0\.03\)/);
    expect(stub.requests).toHaveLength(0);
  });
});

it('the world brand is the one the fixtures were recorded against', () => {
  expect(WORLD.asOf).toBe('2026-11-20');
});
