import { expect, it } from "vitest";
import { appServerTarget, describeAppServer } from "./app-server";

describeAppServer("the App Server of the e2e run", () => {
  it("is a local Letta Code App Server speaking protocol version 1", async () => {
    const { url } = appServerTarget();
    const info = await fetch(`${url.replace(/^ws/, "http").replace(/\/ws$/, "")}/app-server-info`).then((response) =>
      response.json(),
    );
    expect(info).toMatchObject({
      type: "app_server_info_response",
      backend: "local",
      letta_code_version: "0.32.18",
      protocol_version: 1,
    });
  });
});
