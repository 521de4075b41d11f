/**
 * The other process of the online-cache test: opens the online store from the feature_store.yaml
 * text it is given and, for each command line on stdin, writes (or deletes) through its own
 * connection, then prints "ok <n>" once the call has returned.
 *
 *   node --import tsx online-cache-writer.ts <repo folder> <yaml as JSON>
 */
import { createInterface } from "node:readline";
import { join } from "node:path";
import { parseRepoConfig } from "../src/config/repo-config";
import type { FeatureViewSpec } from "../src/definitions/types";
import { createOnlineStore } from "../src/online/create-online-store";

const [repo = ".", yamlJson = '""'] = process.argv.slice(2);
const config = parseRepoConfig(`project: p\n${JSON.parse(yamlJson) as string}`, join(repo, "feature_store.yaml"));
const store = createOnlineStore(config.onlineStore);

interface Command {
  op: "write" | "deleteView" | "close";
  project: string;
  view: FeatureViewSpec;
  id?: number;
  value?: number;
  ts?: string;
  n: number;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line) as Command;
  if (command.op === "close") break;
  try {
    if (command.op === "write") {
      await store.write({
        project: command.project,
        view: command.view,
        joinKeys: ["driver_id"],
        entityKeys: [[command.id]],
        values: { conv_rate: [command.value], trips: [command.n] },
        eventTimestamps: [new Date(command.ts ?? Date.now())],
        createdTimestamps: [null],
      });
    } else {
      await store.deleteView(command.project, command.view.name);
    }
    process.stdout.write(`ok ${command.n}\n`);
  } catch (error) {
    process.stdout.write(`error ${command.n} ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
await store.close();
process.exit(0);
