"use client";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/Guarded";
import { Icon } from "@/components/ui/Icon";
import type { ObjectKind } from "@/lib/kinds";
import { LifecycleDialog } from "./LifecycleDialog";
import { type CurrentLifecycle, isLifecycleKind } from "./model";

interface Props {
  project: string;
  kind: ObjectKind;
  name: string;
  current: CurrentLifecycle;
}

/** The header's "Lifecycle" button (feature views and on-demand views only) and the dialog it opens. */
export function LifecycleAction({ project, kind, name, current }: Props) {
  const [open, setOpen] = useState(false);
  if (!isLifecycleKind(kind)) return null;
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
