// @ts-check
// vizkit's interface language in the browser: the page carries the messages of its language (a slice of
// vizkit/render/messages/*.json, chosen in Python), and every label a learner reads is looked up here.
//
//   var t = vizkitI18n.translator(messages);  t("atlas.level.k", {k: 8})  ->  "8 clusters"
(function (root) {
  "use strict";

  /**
   * Fill ``{name}`` placeholders of a message.
   * @param {string} text
   * @param {Record<string, string | number>} [vars]
   * @returns {string}
   */
  function format(text, vars) {
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole;
    });
  }

  /**
   * A lookup function over one language's messages; an unknown key is returned as itself (visible, not blank).
   * @param {Record<string, string>} messages
   * @returns {(key: string, vars?: Record<string, string | number>) => string}
   */
  function translator(messages) {
    return function (key, vars) {
      var text = messages && Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
      return format(text, vars);
    };
  }

  /**
   * A count in the page's language: ``1,234`` (en) or ``1,234`` (zh), as the browser writes numbers.
   * @param {number} n
   * @param {string} [lang]
   * @returns {string}
   */
  function number(n, lang) {
    return n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
  }

  var api = {format: format, translator: translator, number: number};
  if (typeof module === "object" && module.exports) module.exports = api;
  else /** @type {any} */ (root).vizkitI18n = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
