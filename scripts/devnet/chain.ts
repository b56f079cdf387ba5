import type { Contract, ContractTransactionResponse } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { OmniArbError } from "../../bot/core/errors";
import { loadArtifact, type ArtifactName } from "./artifacts";

/**
 * Thin helpers the devnet deploy scripts share: deploy npm bytecode through hardhat-deploy (so
 * re-runs reuse what exists), record contracts created by other contracts, and send transactions
 * as the deployer.
 */

export class DevnetDeployError extends OmniArbError {
  override readonly name: string = "DevnetDeployError";
}

/**
 * The named deployment if its contract exists on THIS chain. A record left by an earlier chain
 * (a restarted `hardhat node --no-deploy` keeps deployments/localhost) is dropped, so re-running
 * the scripts redeploys instead of trusting an address with no code.
 */
export async function liveDeployment(
  hre: HardhatRuntimeEnvironment,
  name: string,
): Promise<string | undefined> {
  const deployment = await hre.deployments.getOrNull(name);
  if (!deployment) return undefined;
  if ((await hre.ethers.provider.getCode(deployment.address)) !== "0x") return deployment.address;
  await hre.deployments.delete(name);
  return undefined;
}

/** Deploys an npm artifact under a deployment name, or returns the live deployment's address. */
export async function deployNpm(
  hre: HardhatRuntimeEnvironment,
  deploymentName: string,
  artifactName: ArtifactName,
  args: unknown[] = [],
  libraries?: Record<string, string>,
): Promise<string> {
  const existing = await liveDeployment(hre, deploymentName);
  if (existing !== undefined) return existing;
  const { deployer } = await hre.getNamedAccounts();
  const artifact = loadArtifact(artifactName);
  const contract = {
    abi: [...artifact.abi],
    bytecode: artifact.bytecode,
    deployedBytecode: artifact.deployedBytecode,
    // hardhat-deploy splices library addresses at these offsets when `libraries` is given.
    linkReferences: artifact.linkReferences,
    deployedLinkReferences: artifact.deployedLinkReferences,
  };
  try {
    const result = await hre.deployments.deploy(deploymentName, {
      from: deployer,
      contract,
      args,
      ...(libraries === undefined ? {} : { libraries }),
      skipIfAlreadyDeployed: true,
      log: false,
    });
    return result.address;
  } catch (cause) {
    throw new DevnetDeployError("DEVNET_DEPLOY", `deploying ${deploymentName} (${artifactName}) failed`, {
      cause,
      details: { deploymentName, artifactName },
    });
  }
}

/** Records a contract that another contract created (pairs, pools, proxies) under a name. */
export async function saveCreated(
  hre: HardhatRuntimeEnvironment,
  deploymentName: string,
  artifactName: ArtifactName,
  address: string,
): Promise<void> {
  await hre.deployments.save(deploymentName, { abi: [...loadArtifact(artifactName).abi], address });
}

/** An ethers Contract for a named deployment, connected to the deployer. */
export async function deployed(hre: HardhatRuntimeEnvironment, deploymentName: string): Promise<Contract> {
  const deployment = await hre.deployments.get(deploymentName);
  const { deployer } = await hre.getNamedAccounts();
  return new hre.ethers.Contract(deployment.address, deployment.abi, await hre.ethers.getSigner(deployer));
}

/** Sends and waits for one transaction; a failure names the step. */
export async function send(step: string, tx: Promise<ContractTransactionResponse>): Promise<void> {
  try {
    const receipt = await (await tx).wait();
    if (receipt === null || receipt.status !== 1) throw new Error("transaction not mined successfully");
  } catch (cause) {
    throw new DevnetDeployError("DEVNET_STEP", `devnet step failed: ${step}`, { cause, details: { step } });
  }
}
