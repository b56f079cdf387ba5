/**
 * The engine's gas figures are the executor's measured ones: each constant in gasModel.ts and
 * fundingGas.ts is the committed gas snapshot's difference it documents, rounded up to the next
 * hundred (never below the measurement, never more than 100 above). A change of the executor's gas
 * updates the snapshot, and this test then asks for the model to follow.
 */
import { expect } from "chai";
import snapshot from "../executor/gas-snapshot.json";
import { DEFAULT_GAS_MODEL, expectedGas } from "../../bot/chains/gasModel";
import { FUNDING_GAS_OVERHEAD, TIP_GAS_OVERHEAD } from "../../bot/chains/fundingGas";

const roundedUp = (measured: number) => Math.ceil(measured / 100) * 100;

describe("gas model", function () {
  const v2Hop = snapshot.v2v2v2_inventory - snapshot.v2v2_inventory;
  const base = snapshot.v2v2_inventory - 2 * v2Hop;
  const v3Hop = snapshot.v3v2_v3flash - base - v2Hop;
  const pancakeHop = snapshot.pancakev3v2_v3flash - base - v2Hop;

  it("prices a hop and the base as the executor's gas snapshot measures them", function () {
    expect(DEFAULT_GAS_MODEL.perHop["uniswap-v2"]).to.equal(roundedUp(v2Hop));
    expect(DEFAULT_GAS_MODEL.base).to.equal(roundedUp(base));
    expect(DEFAULT_GAS_MODEL.perHop["uniswap-v3"]).to.equal(roundedUp(v3Hop));
    expect(DEFAULT_GAS_MODEL.perHop["pancakeswap-v3"]).to.equal(roundedUp(pancakeHop));
  });

  it("prices funding sources and the builder tip as measured", function () {
    const over = (key: keyof typeof snapshot) => BigInt(roundedUp(snapshot[key] - snapshot.v2v2_inventory));
    expect(FUNDING_GAS_OVERHEAD["v2-flash-swap"]).to.equal(over("v2v2_flashswap"));
    expect(FUNDING_GAS_OVERHEAD.balancer).to.equal(over("v2v2_balancer"));
    expect(FUNDING_GAS_OVERHEAD.aave).to.equal(over("v2v2_aave"));
    expect(TIP_GAS_OVERHEAD).to.equal(over("v2v2_inventory_tip"));
  });

  it("never understates a measured case", function () {
    const v2 = ["uniswap-v2", "uniswap-v2"] as const;
    expect(Number(expectedGas(v2))).to.be.at.least(snapshot.v2v2_inventory);
    expect(Number(expectedGas([...v2, "uniswap-v2"]))).to.be.at.least(snapshot.v2v2v2_inventory);
    expect(Number(expectedGas(["uniswap-v3", "uniswap-v2"]))).to.be.at.least(snapshot.v3v2_v3flash);
    expect(Number(expectedGas(["pancakeswap-v3", "uniswap-v2"]))).to.be.at.least(
      snapshot.pancakev3v2_v3flash,
    );
    expect(Number(expectedGas(v2) + FUNDING_GAS_OVERHEAD.aave)).to.be.at.least(snapshot.v2v2_aave);
  });
});
