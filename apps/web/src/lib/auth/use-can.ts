"use client";
/** Who is signed in (auth.me) and whether they may do an action: the only auth logic in components. */
import { type Action, roleAllows, roleNeeded } from "@pantry/core/shared";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000, retry: false });
}

/** Allowed until `me` says otherwise (the server checks every call anyway); `reason` is the tooltip. */
export function useCan(action: Action): { allowed: boolean; reason: string | undefined } {
  const me = useMe().data;
  if (!me || roleAllows(me.role, action)) return { allowed: true, reason: undefined };
  return { allowed: false, reason: `Needs the ${roleNeeded(action)} role; ${me.name} is a ${me.role}` };
}
