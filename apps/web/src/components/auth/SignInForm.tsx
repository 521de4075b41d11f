"use client";
/** Paste a token made with `pantry auth add-user`; the route handler keeps it in an httpOnly cookie. */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { withBasePath } from "@/lib/base-path";
import styles from "./auth.module.css";

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const response = await fetch(withBasePath("/api/auth"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    setBusy(false);
    if (!response.ok) {
      setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? "Sign-in failed");
      return;
    }
    queryClient.clear();
    const next = params.get("next");
    router.replace(next?.startsWith("/") && !next.startsWith("//") ? next : "/");
  };
  return (
    <div className={styles.signIn}>
      <Card title="Sign in to Pantry">
        <form onSubmit={(e) => void submit(e)} className={styles.signIn} style={{ margin: 0 }}>
          <p>
            This Pantry requires a token. Paste the one <code>pantry auth add-user &lt;name&gt; --role viewer</code>{" "}
            printed for you.
          </p>
          <label htmlFor="pantry-token">Token</label>
          <textarea
            id="pantry-token"
            name="token"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
          {error ? (
            <p role="alert" className={styles.error}>
              {error}
            </p>
          ) : null}
          <Button type="submit" variant="primary" busy={busy} disabled={busy || token.trim() === ""}>
            Sign in
          </Button>
        </form>
      </Card>
    </div>
  );
}
