// Draw a box for each process in the example page.
for (const figure of document.querySelectorAll("svg[data-boxes]")) {
  const count = Number(figure.dataset.boxes);
  for (let at = 0; at < count; at += 1) {
    const box = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    box.setAttribute("class", "box");
    box.setAttribute("x", String(10 + at * 50));
    box.setAttribute("y", "10");
    box.setAttribute("width", "40");
    box.setAttribute("height", "40");
    figure.append(box);
  }
}
