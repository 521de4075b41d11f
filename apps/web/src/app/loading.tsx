import { Skeleton, SkeletonRows } from "@/components/ui/States";

/** Shown in the content area while a page's server part renders (the shell stays). */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading page">
      <div style={{ display: "flex", flexDirection: "column", gap: 10, marginBottom: 24 }}>
        <Skeleton width={120} height={12} />
        <Skeleton width={280} height={24} />
      </div>
      <SkeletonRows rows={6} columns={4} />
    </div>
  );
}
