// @vitest-environment happy-dom
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/lib/trpc/types";
import { apiError, renderWithApi, type TestApi } from "@/testing/render-with-api";
import { deferred, descriptionOf } from "@/testing/dom";
import { createPlan } from "@/testing/fixtures";
import { EMPTY_ENTITY, EntityForm } from "./EntityForm";

const DRIVER = {
  kind: "entity" as const,
  name: "driver",
  joinKeys: ["driver_id"],
  valueType: "Int64" as const,
  description: "",
  owner: "",
  tags: {},
};

describe("EntityForm", () => {
  it("shows each invalid field's message next to it and asks the server nothing", async () => {
    const { user, inputsOf } = renderWithApi(<EntityForm project="p" intent="create" initial={EMPTY_ENTITY} />);
    await user.click(screen.getByRole("button", { name: "Review changes" }));

    const name = screen.getByRole("textbox", { name: "Name" });
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(name)).toBe("Give it a name");
    expect(descriptionOf(screen.getByRole("textbox", { name: "Join key" }))).toBe("Pick a column");
    expect(screen.getByRole("alert").textContent).toContain("2 fields need attention; nothing was written");
    expect(inputsOf("edit.plan")).toEqual([]);

    // Fixing a field clears its message at once.
    await user.type(name, "driver");
    expect(name.getAttribute("aria-invalid")).toBeNull();
    expect(descriptionOf(name)).toBe("Letters, digits and _, like driver.");
  });

  it("shows the plan before anything is written, and writes it on Apply", async () => {
    const applied = deferred<RouterOutputs["edit"]["applyEdit"]>();
    const api: TestApi = {
      edit: {
        plan: () => createPlan(DRIVER),
        applyEdit: () => applied.promise,
      },
    };
    const { user, inputsOf, navigations } = renderWithApi(
      <EntityForm project="p" intent="create" initial={EMPTY_ENTITY} />,
      { api },
    );
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver");
    await user.type(screen.getByRole("textbox", { name: "Join key" }), "driver_id");
    await user.click(screen.getByRole("button", { name: "Review changes" }));

    const plan = await screen.findByTestId("plan");
    expect(plan.textContent).toContain("1 to create");
    expect(screen.getByRole("list", { name: "What driver will be" }).textContent).toContain("join key driver_id");
    expect(screen.getByText(/Nothing has been written yet/)).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Definition" })).toBeNull();
    expect(inputsOf("edit.plan")).toEqual([
      {
        intent: "create",
        project: "p",
        form: {
          kind: "entity",
          values: { name: "driver", joinKey: "driver_id", valueType: "Int64", description: "", owner: "", tags: [] },
        },
      },
    ]);
    expect(inputsOf("edit.applyEdit")).toEqual([]);

    const apply = screen.getByRole("button", { name: "Apply" }) as HTMLButtonElement;
    await user.click(apply);
    // While the write is on its way Apply cannot be pressed twice.
    await waitFor(() => expect(apply.disabled).toBe(true));
    expect(inputsOf("edit.applyEdit")).toEqual(inputsOf("edit.plan"));
    applied.resolve({ plan: createPlan(DRIVER), applied: true, warnings: [] });
    await waitFor(() => expect(navigations).toEqual(["/projects/p/entities/driver"]));
  });

  it("sends the user back to the form when the server refuses a field, with its message next to it", async () => {
    const api: TestApi = {
      edit: {
        plan: () => {
          throw apiError("CONFLICT", "entity 'driver' already exists", {
            name: "Entity 'driver' already exists in project 'p'; pick another name or edit that one",
          });
        },
      },
    };
    const { user } = renderWithApi(<EntityForm project="p" intent="create" initial={EMPTY_ENTITY} />, { api });
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver");
    await user.type(screen.getByRole("textbox", { name: "Join key" }), "driver_id");
    await user.click(screen.getByRole("button", { name: "Review changes" }));

    const name = await screen.findByRole("textbox", { name: "Name" });
    await waitFor(() => expect(descriptionOf(name)).toContain("already exists in project 'p'"));
    expect(screen.queryByTestId("plan")).toBeNull();
  });

  it("goes back from the plan to the form as it was left", async () => {
    const { user } = renderWithApi(<EntityForm project="p" intent="create" initial={EMPTY_ENTITY} />, {
      api: { edit: { plan: () => createPlan(DRIVER) } },
    });
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver");
    await user.type(screen.getByRole("textbox", { name: "Join key" }), "driver_id");
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    await user.click(await screen.findByRole("button", { name: "Back to the form" }));

    expect(screen.queryByTestId("plan")).toBeNull();
    expect((screen.getByRole("textbox", { name: "Join key" }) as HTMLInputElement).value).toBe("driver_id");
  });

  it("edits an existing entity: the name is fixed, Cancel leads back to it, Delete is offered", () => {
    renderWithApi(
      <EntityForm
        project="p"
        intent="update"
        initial={{ ...EMPTY_ENTITY, name: "driver", joinKey: "driver_id" }}
        deletable
      />,
    );
    expect((screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole("link", { name: "Cancel" }).getAttribute("href")).toBe("/projects/p/entities/driver");
    expect(screen.getByRole("button", { name: /Delete/ })).toBeTruthy();
  });
});
