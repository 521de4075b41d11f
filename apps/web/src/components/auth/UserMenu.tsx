"use client";
/** The header's user: name, role and sign-out when auth is on; nothing under no_auth. Sends to sign-in when the token is missing or invalid. */
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { useMe } from "@/lib/auth/use-can";
import { withBasePath } from "@/lib/base-path";
import { toActionableError } from "@/lib/trpc/errors";
import styles from "./auth.module.css";

export function UserMenu() {
  const me = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const unauthorized = me.isError && toActionableError(me.error).code === "UNAUTHORIZED";
  useEffect(() => {
    if (unauthorized && pathname !== "/sign-in") router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [unauthorized, pathname, router]);
  if (!me.data || me.data.auth === "no_auth") return null;
  const signOut = async () => {
    await fetch(withBasePath("/api/auth"), { method: "DELETE" });
    queryClient.clear();
    router.replace("/sign-in");
  };
  return (
    <section className={styles.user} aria-label="Signed-in user">
      <span className={styles.name}>{me.data.name}</span>
      <span className={styles.role}>{me.data.role}</span>
      <Button size="sm" variant="ghost" onClick={() => void signOut()}>
        Sign out
      </Button>
    </section>
  );
}
