// detente dashboard: the submission form (the only page that needs a script).
// It sends the text with the bearer token to POST /api/v1/documents and lists the
// events found. Everything from the server is inserted as text, never as HTML.
"use strict";

(function () {
  function cell(row, text, href) {
    const td = document.createElement("td");
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
  }

  function value(form, name) {
    const field = form.elements.namedItem(name);
    return field && field.value.trim() ? field.value.trim() : null;
  }

  function showEvents(events) {
    const section = document.getElementById("submit-result");
    const body = document.querySelector("#submitted-events tbody");
    body.replaceChildren();
    for (const e of events) {
      const row = document.createElement("tr");
      row.dataset.eventId = e.event_id || "";
      const side = (a) => (a ? a.code || a.text : "?");
      cell(row, (e.date_start || e.date || "").slice(0, 10));
      cell(row, side(e.source));
      cell(row, e.cameo + (e.plover ? " " + e.plover : ""));
      cell(row, side(e.target));
      cell(row, e.location ? e.location.name || e.location.text : "");
      cell(row, e.evidence, e.event_id ? "/event/" + encodeURIComponent(e.event_id) : null);
      body.appendChild(row);
    }
    if (!events.length) {
      const row = document.createElement("tr");
      const td = document.createElement("td");
      td.colSpan = 6;
      td.textContent = "No event found in this text.";
      row.appendChild(td);
      body.appendChild(row);
    }
    section.hidden = false;
  }

  async function submitDocument(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const status = document.getElementById("submit-status");
    const button = document.getElementById("submit-button");
    const payload = { id: value(form, "id"), text: form.elements.namedItem("text").value };
    for (const name of ["title", "published", "source"]) {
      const v = value(form, name);
      if (v) payload[name] = v;
    }
    status.className = "";
    status.textContent = "Analysing… (the first submission loads the language model, a few seconds)";
    button.disabled = true;
    try {
      const response = await fetch(form.dataset.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: "Bearer " + (value(form, "token") || ""),
        },
        body: JSON.stringify(payload),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        const message = data.error ? data.error.code + ": " + data.error.message : response.statusText;
        status.className = "error-message";
        status.textContent = "Not stored (" + response.status + "). " + message;
        return;
      }
      const n = data.events.length;
      status.className = "ok-message";
      status.textContent =
        "Document " + data.document.id + " " + data.status + ": " + n + " event mention" + (n === 1 ? "" : "s") + ".";
      showEvents(data.events);
    } catch (err) {
      status.className = "error-message";
      status.textContent = "The server could not be reached: " + err;
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.getElementById("submit-form");
    if (form) form.addEventListener("submit", submitDocument);
  });
})();
