import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Links inside pages (tables, cards, tags) do not prefetch: a list can hold hundreds of them and
 * every page here is dynamic, so prefetching would cost a server render per visible link.
 * Navigation still feels instant thanks to the route's loading state.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
