import { test, expect, createClient, scrollsSideways, PREVIEW_TIMEOUT } from "../fixtures.mjs";

test("a new client is saved, listed, and still there after a reload", async ({ page, site }) => {
  await page.goto(site.url);
  await expect(page.getByText("No clients yet.")).toBeVisible();
  await createClient(page, {
    fullName: "Margaret Ellen Hughes",
    preferredName: "Meg",
    dateOfBirth: "1971-06-02",
    phone: "+44 20 7946 0958",
    email: "meg@example.org",
  });
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.locator(".client-list")).toContainText("Meg");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Meg" })).toBeVisible();
  await expect(page.locator(".details")).toContainText("Margaret Ellen Hughes");
  await expect(page.locator(".details")).toContainText("Jun 2, 1971");
  await expect(page.locator(".details")).toContainText("meg@example.org");
});

test("an empty or blank name is refused with a message next to the field and nothing is saved", async ({ page, site }) => {
  await page.goto(`${site.url}/clients/new`);
  await page.getByLabel("Full name").fill("   ");
  await page.getByRole("button", { name: "Save client" }).click();
  const name = page.getByLabel("Full name");
  await expect(page.locator("#client-full-name-message")).toHaveText("Enter the client's full name.");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByText("No clients yet.")).toBeVisible();
});

test("a field is checked as soon as it is left", async ({ page, site }) => {
  await page.goto(`${site.url}/clients/new`);
  await page.getByLabel("Email").fill("meg@");
  await expect(page.locator("#client-email-message")).toHaveCount(0);
  await page.getByLabel("Phone").focus();
  await expect(page.locator("#client-email-message")).toHaveText("Enter an email address like name@example.com.");
  await page.getByLabel("Date of birth").fill("2999-01-01");
  await page.getByLabel("Notes").focus();
  await expect(page.locator("#client-date-of-birth-message")).toHaveText("The date of birth can't be in the future.");
});

test("edit, search, delete with confirmation, and undo", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Zoë Brontë" });
  await createClient(page, { fullName: "Arthur Dent" });

  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("Phone").fill("01632 960123");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(".details")).toContainText("01632 960123");

  await page.getByLabel("Search clients by name").fill("zoe");
  await expect(page.locator(".client-row")).toHaveCount(1);
  await expect(page.locator(".client-row")).toContainText("Zoë Brontë");
  await page.getByLabel("Search clients by name").fill("nobody");
  await expect(page.getByText("No client's name matches “nobody”.")).toBeVisible();
  await page.getByLabel("Search clients by name").fill("");

  await page.locator(".client-row", { hasText: "Arthur Dent" }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Delete Arthur Dent?");
  await page.getByRole("button", { name: "Keep client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Arthur Dent" })).toBeVisible();

  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete client" }).click();
  await expect(page.getByRole("status")).toContainText("Arthur Dent was deleted.");
  await expect(page.locator(".client-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".client-row")).toHaveCount(2);

  await page.locator(".client-row", { hasText: "Arthur Dent" }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete client" }).click();
  // The write is asynchronous: reload only once the app says it is done.
  await expect(page.getByRole("status")).toContainText("Arthur Dent was deleted.");
  await page.reload();
  await expect(page.locator(".client-row")).toHaveCount(1);
  await expect(page.locator(".client-list")).not.toContainText("Arthur Dent");

  // The deletion is a tombstone: the record is still in the database, marked
  // deleted (the name is a multi-value register; its shown version is last).
  const stored = await page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open("stillpoint");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction("clients").objectStore("clients").getAll();
          request.onsuccess = () => done(request.result.map((c) => [c.full_name.at(-1).value, c.deleted.value]));
        };
      }),
  );
  expect(stored).toContainEqual(["Arthur Dent", true]);
});

test("what was typed survives a reload as a draft", async ({ page, site }) => {
  await page.goto(`${site.url}/clients/new`);
  await page.getByLabel("Full name").fill("Half Typed Name");
  await expect(page.getByText("Draft saved on this device.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Full name")).toHaveValue("Half Typed Name");
  await expect(page.getByText("Restored what you typed earlier.")).toBeVisible();
});

test("a 10,000-character name is stored and shown without breaking the layout", async ({ page, site }) => {
  const longName = "Bartholomew-".repeat(834).slice(0, 10_000);
  await page.goto(site.url);
  await createClient(page, { fullName: longName });
  await page.reload();
  await expect(page.locator(".details dd").first()).toHaveText(longName);
  expect(await scrollsSideways(page)).toBe(false);
  const row = await page.locator(".client-row").first().boundingBox();
  expect(row.height).toBeLessThan(120);
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await scrollsSideways(page)).toBe(false);
});

test("an unknown address shows a way back, not an error page", async ({ page, site }) => {
  await page.goto(`${site.url}/no/such/page`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto(`${site.url}/clients/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByRole("heading", { name: "Client not found" })).toBeVisible();
});

/** RFC 8785 canonical JSON, which JSON.stringify writes for every value
 * but an object's key order (UTF-16 order, JavaScript's own sort). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The schema 4 golden backup with `count` more clients, "Client 001" …,
 * its counts and checksum made to match: a practice too long to render. */
async function manyClients(count) {
  const { readFile } = await import("node:fs/promises");
  const { createHash } = await import("node:crypto");
  const golden = new URL("../../fixtures/exports/schema-4.json", import.meta.url);
  const file = JSON.parse(await readFile(golden, "utf8"));
  const [first] = file.records.clients;
  for (let n = 1; n <= count; n += 1) {
    const client = structuredClone(first);
    client.id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    client.full_name[0].value = `Client ${String(n).padStart(3, "0")}`;
    file.records.clients.push(client);
  }
  file.records.clients.sort((a, b) => (a.id < b.id ? -1 : 1));
  file.counts.clients = file.records.clients.length;
  file.checksum = `sha256:${createHash("sha256").update(canonical(file.records)).digest("hex")}`;
  const listed = file.records.clients.filter((client) => !client.deleted.value).length;
  return { listed, upload: { name: "many-clients.json", mimeType: "application/json", buffer: Buffer.from(canonical(file)) } };
}

test("a long list renders the rows on screen, scrolls to the rest, and searches them all", async ({ page, site }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`${site.url}/sync`);
  const { listed, upload } = await manyClients(300);
  await page.getByLabel("Choose a file…").setInputFiles(upload);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
  await page.goto(`${site.url}/clients`);
  await expect(page.locator(".client-row", { hasText: "Client 001" })).toBeVisible();
  // Only a window of the rows is built; each says where it stands.
  const rendered = await page.locator(".client-list > li").count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(100);
  await expect(page.locator(".client-list > li").first()).toHaveAttribute("aria-setsize", String(listed));
  await expect(page.locator(".client-row", { hasText: "Client 300" })).toHaveCount(0);

  // Scrolling to the end shows the last rows, and they open.
  await page.locator(".list-pane").evaluate((pane) => pane.scrollTo(0, pane.scrollHeight));
  await expect(page.locator(".client-row", { hasText: "Client 300" })).toBeVisible();
  await expect(page.locator(".client-row", { hasText: "Client 001" })).toHaveCount(0);
  await page.locator(".client-row", { hasText: "Client 300" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Client 300" })).toBeVisible();

  // Search reaches every client, rendered or not.
  await page.locator(".list-pane").evaluate((pane) => pane.scrollTo(0, 0));
  await page.getByLabel("Search clients by name").fill("client 150");
  await expect(page.locator(".client-row")).toHaveCount(1);
  await page.locator(".client-row", { hasText: "Client 150" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Client 150" })).toBeVisible();
});
