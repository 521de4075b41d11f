"use client";
/** Buttons and links for an action the signed-in role may not do: disabled, with a tooltip naming the role needed. */
import type { Action } from "@pantry/core/shared";
import type { ComponentProps } from "react";
import { Button, ButtonLink } from "@/components/ui/Button";
import { useCan } from "@/lib/auth/use-can";

export function GuardedButton({ action, disabled, ...rest }: ComponentProps<typeof Button> & { action: Action }) {
  const can = useCan(action);
  if (can.allowed) return <Button disabled={disabled} {...rest} />;
  return (
    <span title={can.reason} data-needs-role="">
      <Button {...rest} disabled aria-disabled onClick={undefined} type="button" />
    </span>
  );
}

export function GuardedButtonLink({ action, ...rest }: ComponentProps<typeof ButtonLink> & { action: Action }) {
  const can = useCan(action);
  if (can.allowed) return <ButtonLink {...rest} />;
  return (
    <span title={can.reason} data-needs-role="">
      <Button variant={rest.variant} size={rest.size} className={rest.className} disabled aria-disabled>
        {rest.children}
      </Button>
    </span>
  );
}
