// Feast's own web UI (the npm package @feast-dev/feast-ui), unchanged, as a team would deploy it:
// it reads /projects-list.json from its origin, then the REST registry under each registryPath.
import FeastUI from "@feast-dev/feast-ui";
import "@feast-dev/feast-ui/dist/feast-ui.css";
import React from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")).render(React.createElement(FeastUI));
