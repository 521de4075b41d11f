"use client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

interface PaletteControls {
  open: () => void;
  close: () => void;
  isOpen: boolean;
}

const PaletteContext = createContext<PaletteControls>({ open: () => {}, close: () => {}, isOpen: false });

export function usePalette(): PaletteControls {
  return useContext(PaletteContext);
}

/**
 * Owns the command palette's open state: Ctrl/Cmd-K from anywhere toggles it. The palette itself
 * (search, a feature) is handed in by the root layout, so the shell imports no feature.
 */
export function PaletteProvider({ palette, children }: { palette: ReactNode; children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const open = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const value = useMemo(() => ({ open, close, isOpen }), [open, close, isOpen]);
  return (
    <PaletteContext.Provider value={value}>
      {children}
      {isOpen ? palette : null}
    </PaletteContext.Provider>
  );
}
