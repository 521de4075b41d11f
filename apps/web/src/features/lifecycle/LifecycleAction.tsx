"use client";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/Guarded";
import { Icon } from "@/components/ui/Icon";

import { LifecycleDialog } from "./LifecycleDialog";
import { type CurrentLifecycle, hasLifecycle } from "./model";

interface Props {
  project: string;
  /** An object kind, or "feature" (name = `view:feature`); kinds without a lifecycle show nothing. */
  kind: string;
  name: string;
  current: CurrentLifecycle;
}

/** The header's "Lifecycle" button (views, features and feature services) and the dialog it opens. */
export function LifecycleAction({ project, kind, name, current }: Props) {
  const [open, setOpen] = useState(false);
  if (!hasLifecycle(kind)) return null;
  return (
    <>
      <GuardedButton action="deprecate" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <Icon name="alert" size={15} /> Lifecycle
      </GuardedButton>
      {open ? (
        <LifecycleDialog project={project} kind={kind} view={name} current={current} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
