"use client";
import { useMemo, useState } from "react";
import { tokenizeTypeScript } from "@/lib/highlight";
import { Button } from "./Button";
import styles from "./page.module.css";

interface CodeBlockProps {
  code: string;
  language?: "typescript" | "text";
  /** What the code is, for screen readers. */
  label: string;
}

export function CodeBlock({ code, language = "typescript", label }: CodeBlockProps) {
  const [copied, setCopied] = useState(false);
  const tokens = useMemo(
    () => (language === "typescript" ? tokenizeTypeScript(code) : [{ text: code, cls: null }]),
    [code, language],
  );
  const copy = async () => {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <figure style={{ position: "relative", margin: 0 }}>
      <figcaption className="visually-hidden">{label}</figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable code must be reachable by keyboard */}
      <pre className={styles.code} tabIndex={0}>
        <code style={{ background: "none", padding: 0 }}>
          {tokens.map((token, index) =>
            token.cls ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens of one fixed string
              <span key={index} className={`tok-${token.cls}`}>
                {token.text}
              </span>
            ) : (
              token.text
            ),
          )}
        </code>
      </pre>
      <div className={styles.copy}>
        <Button size="sm" variant="secondary" onClick={copy} aria-live="polite">
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </figure>
  );
}
