/**
 * The config file format (JSON), as a zod schema. It validates and normalises addresses; amounts
 * stay decimal strings here and are scaled to bigint in toChainConfig.ts. Every object is strict,
 * so a misspelt field is an error rather than a silently ignored setting.
 */
import { z } from "zod";
import { addressField, decimalField, hash32Field, urlField } from "./fields";

const name = z.string().min(1);

export const v2VenueSchema = z.strictObject({
  name,
  kind: z.literal("uniswap-v2"),
  factory: addressField,
  router: addressField.optional(),
  initCodeHash: hash32Field,
  feeBps: z.number().int().min(0).max(1_000),
  callback: z.enum(["uniswapV2Call", "pancakeCall"]).default("uniswapV2Call"),
});

/** The swap callback each V3-style kind's pools call: implied by the kind, checked if given. */
const V3_CALLBACKS = {
  "uniswap-v3": "uniswapV3SwapCallback",
  "pancakeswap-v3": "pancakeV3SwapCallback",
} as const;

export const v3VenueSchema = z
  .strictObject({
    name,
    kind: z.enum(["uniswap-v3", "pancakeswap-v3"]),
    factory: addressField,
    poolDeployer: addressField.optional(),
    router: addressField.optional(),
    quoter: addressField.optional(),
    initCodeHash: hash32Field,
    feeTiers: z.array(z.number().int().min(1).max(1_000_000)).min(1),
    /** Optional: the kind says which callback its pools call; a mismatch is an error. */
    callback: z.enum(["uniswapV3SwapCallback", "pancakeV3SwapCallback"]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.callback === undefined || v.callback === V3_CALLBACKS[v.kind]) return;
    ctx.addIssue({
      code: "custom",
      path: ["callback"],
      message:
        v.callback === "pancakeV3SwapCallback"
          ? 'pools that call pancakeV3SwapCallback are PancakeSwap V3 pools: use kind "pancakeswap-v3" (their Swap log differs too)'
          : `${v.kind} pools call ${V3_CALLBACKS[v.kind]}, not ${v.callback}`,
    });
  });

export const VENUE_KINDS = ["uniswap-v2", "uniswap-v3", "pancakeswap-v3"] as const;
export const venueSchema = z.discriminatedUnion("kind", [v2VenueSchema, v3VenueSchema]);

export const tokenSchema = z.strictObject({
  symbol: z.string().min(1),
  address: addressField,
  decimals: z.number().int().min(0).max(36),
});

const tokenAmounts = z.record(z.string(), decimalField);

export const limitsSchema = z.strictObject({
  minNetProfitUsd: decimalField.optional(),
  minNetProfit: tokenAmounts.optional(),
  minGasReturn: z.number().min(0).max(1_000).optional(),
  maxTradeUsd: decimalField.optional(),
  maxTrade: tokenAmounts.optional(),
  maxLoan: tokenAmounts.optional(),
  maxGasPriceGwei: decimalField.optional(),
  allowTokens: z.array(addressField).optional(),
  denyTokens: z.array(addressField).optional(),
  dailyLossBudgetUsd: decimalField.optional(),
  perTradeLossCapUsd: decimalField.optional(),
  breaker: z
    .strictObject({
      maxConsecutiveFailures: z.number().int().min(1).optional(),
      window: z.number().int().min(1).max(10_000).optional(),
      minSuccessRate: z.number().min(0).max(1).optional(),
      minSamples: z.number().int().min(1).optional(),
      coolDownSeconds: z.number().int().min(0).optional(),
    })
    .optional(),
  killSwitchFile: z.string().min(1).optional(),
  quarantineSeconds: z
    .number()
    .int()
    .min(1)
    .max(365 * 86_400)
    .optional(),
});

export const builderPaymentSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("coinbase-share"), bps: z.number().int().min(0).max(10_000) }),
  z.strictObject({ kind: z.literal("priority-fee") }),
]);

export const submissionSchema = z
  .strictObject({
    kind: z.enum(["flashbots", "direct"]),
    relays: z.array(urlField(["http:", "https:"])).default([]),
    builderPayment: builderPaymentSchema,
    blocksAhead: z.number().int().min(1).max(25).default(1),
  })
  .refine((s) => s.kind !== "flashbots" || s.relays.length > 0, {
    message: "flashbots submission needs at least one relay URL",
    path: ["relays"],
  });

export const configFileSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  name,
  chainId: z.number().int().min(1),
  rpc: z.strictObject({
    http: urlField(["http:", "https:"]),
    ws: urlField(["ws:", "wss:"]).optional(),
  }),
  deployments: z.strictObject({ network: z.string().min(1), dir: z.string().min(1).optional() }).optional(),
  venues: z.array(venueSchema).min(1),
  baseTokens: z.array(tokenSchema).min(1),
  wrappedNative: addressField,
  flash: z
    .strictObject({
      aavePool: addressField.optional(),
      aaveFeeBps: z.number().int().min(0).max(10_000).default(5),
      balancerVault: addressField.optional(),
    })
    .default({ aaveFeeBps: 5 }),
  multicall3: addressField.optional(),
  executor: addressField.optional(),
  limits: limitsSchema.default({}),
  submission: submissionSchema,
  journal: z.strictObject({ path: z.string().min(1) }).optional(),
  discovery: z
    .strictObject({
      tokenAllowList: z.array(addressField).optional(),
      minLiquidityUsd: decimalField.default("10000"),
      fromBlock: z.number().int().min(0).default(0),
      logSpan: z.number().int().min(1).max(10_000_000).default(100_000),
    })
    .default({ minLiquidityUsd: "10000", fromBlock: 0, logSpan: 100_000 }),
});

export type ConfigFile = z.output<typeof configFileSchema>;
