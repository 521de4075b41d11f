/**
 * Component tests render a console view as the app does (React Query, the tRPC client, Next's app
 * router contexts) against an API that the test itself answers: each test states the data the
 * server would return and reads back which procedures were called with which input. Unanswered
 * procedures fail like an unreachable server, so a test names everything its component reads.
 */
import type { AppRouter } from "@pantry/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import {
  PathnameContext,
  PathParamsContext,
  SearchParamsContext,
} from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import type { ReactElement } from "react";
import { afterEach } from "vitest";
import { TRPCProvider } from "@/lib/trpc/client";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";

afterEach(cleanup);

type Answer<T> = T | Promise<T>;

/** What the test's server answers, procedure by procedure (`{ catalog: { list: (input) => page } }`). */
export type TestApi = {
  [R in keyof RouterOutputs]?: {
    [P in keyof RouterOutputs[R]]?: (
      input: P extends keyof RouterInputs[R] ? RouterInputs[R][P] : never,
    ) => Answer<RouterOutputs[R][P]>;
  };
};

export interface ApiCall {
  path: string;
  input: unknown;
}

/** A failure as the server sends it (code, message, field messages): throw it from an answer. */
export function apiError(code: string, message: string, fieldErrors: Record<string, string> = {}) {
  return { error: { message, code: -32600, data: { code, fieldErrors } } };
}

function testLink(api: TestApi, calls: ApiCall[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const [routerName = "", procedure = ""] = op.path.split(".");
        const answer = (api as Record<string, Record<string, ((input: unknown) => unknown) | undefined> | undefined>)[
          routerName
        ]?.[procedure];
        Promise.resolve()
          .then(() => {
            if (!answer) throw new Error(`fetch failed: this test's server does not answer ${op.path}`);
            return answer(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: "data", data } });
              observer.complete();
            },
            (cause: unknown) => observer.error(TRPCClientError.from(cause as Error)),
          );
      });
}

interface RenderOptions {
  api?: TestApi;
  /** The page's URL: its path and search params feed the router hooks. */
  url?: string;
  params?: Record<string, string>;
}

export function renderWithApi(ui: ReactElement, { api = {}, url = "/", params = {} }: RenderOptions = {}) {
  const calls: ApiCall[] = [];
  const navigations: string[] = [];
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  const trpcClient = createTRPCClient<AppRouter>({ links: [testLink(api, calls)] });
  const location = new URL(url, "http://console.test");
  const router: AppRouterInstance = {
    push: (href) => void navigations.push(href),
    replace: (href) => void navigations.push(href),
    back: () => void navigations.push("back"),
    forward: () => void navigations.push("forward"),
    refresh: () => {},
    prefetch: () => {},
    bfcacheId: "test",
  };
  const view = render(
    <AppRouterContext.Provider value={router}>
      <PathnameContext.Provider value={location.pathname}>
        <SearchParamsContext.Provider value={location.searchParams}>
          <PathParamsContext.Provider value={params}>
            <QueryClientProvider client={queryClient}>
              <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
                {ui}
              </TRPCProvider>
            </QueryClientProvider>
          </PathParamsContext.Provider>
        </SearchParamsContext.Provider>
      </PathnameContext.Provider>
    </AppRouterContext.Provider>,
  );
  /** The inputs the component sent to one procedure, in order. */
  const inputsOf = (path: string) => calls.filter((call) => call.path === path).map((call) => call.input);
  return { ...view, user: userEvent.setup(), calls, inputsOf, navigations };
}
