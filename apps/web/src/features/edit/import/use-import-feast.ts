"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fileToBase64 } from "@/lib/file-base64";
import { useTRPC } from "@/lib/trpc/client";

/** Reads the picked file and sends it to import.feast; the catalog is refetched afterwards. */
export function useImportFeast() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation(trpc.import.feast.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return {
    file,
    pick: (next: File | null) => {
      mutation.reset();
      setFile(next);
    },
    mutation,
    run: async (intoRegistryOf: string) => {
      if (!file) return;
      mutation.mutate({
        fileBase64: await fileToBase64(file),
        fileName: file.name,
        ...(intoRegistryOf ? { intoRegistryOf } : {}),
      });
    },
  };
}
