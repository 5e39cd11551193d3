// @ts-check
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const i18n = require("../../vizkit/render/js/i18n.js");

test("messages fill their placeholders and leave unknown ones visible", () => {
  const t = i18n.translator({"a.b": "{n} points, {method}", "zh": "共 {n} 个点"});
  assert.equal(t("a.b", {n: "1,000", method: "tsne"}), "1,000 points, tsne");
  assert.equal(t("zh", {n: 5}), "共 5 个点");
  assert.equal(t("a.b", {n: 3}), "3 points, {method}");
});

test("an unknown key shows itself rather than nothing", () => {
  assert.equal(i18n.translator({})("atlas.missing"), "atlas.missing");
});

test("numbers are written with the page's grouping", () => {
  assert.equal(i18n.number(1234567, "en"), "1,234,567");
  assert.equal(i18n.number(1234567, "zh"), "1,234,567");
});
