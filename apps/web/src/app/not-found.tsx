import { ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/States";
import { routes } from "@/lib/routes";

export default function NotFound() {
  return (
    <>
      <h1 className="visually-hidden">Page not found</h1>
      <EmptyState
        icon="search"
        title="This page does not exist"
        actions={
          <>
            <ButtonLink href={routes.home()} variant="primary">
              All projects
            </ButtonLink>
            <ButtonLink href={routes.search()}>Search the catalog</ButtonLink>
          </>
        }
      >
        The address may have a typo, or the object was renamed or deleted. Search finds it by name, tag or owner.
      </EmptyState>
    </>
  );
}
