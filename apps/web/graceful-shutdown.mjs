/**
 * Preloaded into the console's server (`node --import ./graceful-shutdown.mjs next start`, or the
 * standalone server.js) with NEXT_MANUAL_SIG_HANDLE=1, which turns off Next's own handler (it exits
 * at once). On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, then run
 * the engine's shutdown hooks (schedulers finish the materialization in progress, registries and
 * stores close) and exit 0. Past PANTRY_SHUTDOWN_TIMEOUT_SECONDS (default 10) or on a second signal:
 * exit 1 at once (a repeat within a second is taken as the same signal).
 */
import { Server } from "node:http";

const servers = new Set();
const listen = Server.prototype.listen;
Server.prototype.listen = function patchedListen(...args) {
  servers.add(this);
  return listen.apply(this, args);
};

const KEY = Symbol.for("pantry.shutdownHooks");
const timeoutSeconds = Number(process.env.PANTRY_SHUTDOWN_TIMEOUT_SECONDS);
const timeoutMs = (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 10) * 1000;

function closeServer(server) {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections close as soon as their request is answered.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    server.once("close", () => clearInterval(sweep));
  });
}

async function runHooks() {
  const hooks = globalThis[KEY];
  if (!hooks) return;
  for (const phase of ["stop", "close"]) {
    const running = [...hooks[phase]];
    hooks[phase].clear();
    await Promise.all(running.map((hook) => hook().catch((error) => console.error("pantry: shutdown:", error))));
  }
}

let stoppingSince = 0;
function shutdown(signal) {
  // Ctrl+C reaches the whole process group, and `pantry ui` passes it on too: a repeat within a second is the same one.
  if (stoppingSince && Date.now() - stoppingSince < 1000) return;
  if (stoppingSince) {
    console.error(`pantry console: ${signal} again, exiting now`);
    process.exit(1);
  }
  stoppingSince = Date.now();
  console.log(`pantry console: ${signal}, finishing in-flight requests (at most ${timeoutMs / 1000} s)`);
  const force = setTimeout(() => {
    console.error(`pantry console: did not stop within ${timeoutMs / 1000} s, exiting`);
    process.exit(1);
  }, timeoutMs);
  force.unref();
  Promise.all([...servers].map(closeServer))
    .then(runHooks)
    .then(
      () => process.exit(0),
      (error) => {
        console.error("pantry console: shutdown failed:", error);
        process.exit(1);
      },
    );
}

process.env.NEXT_MANUAL_SIG_HANDLE = "1";
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
