import type { Nodes as HastNodes } from "hast";
import type { Nodes as MdastNodes } from "mdast";

/**
 * Call `visitor` on every node of `type` in `tree`, in document order
 * (preorder), before walking into the node's own children.
 *
 * For the transforms that only look at nodes of one type and never add or
 * remove siblings; use `unist-util-visit` to replace nodes. It does the
 * same walk tens of times faster than `visit`, which renames a function
 * and copies the list of ancestors for every node it passes, and with nine
 * walks per lesson was most of the transforms stage. Recursive: run it on
 * trees already cut to `inputLimits.treeDepth`.
 *
 * `forEachNode(tree, "code", (code) => languages.add(code.lang))`
 */
export function forEachNode<Type extends MdastNodes["type"]>(
  tree: MdastNodes,
  type: Type,
  visitor: (node: Extract<MdastNodes, { type: Type }>) => void,
): void;
export function forEachNode<Type extends HastNodes["type"]>(
  tree: HastNodes,
  type: Type,
  visitor: (node: Extract<HastNodes, { type: Type }>) => void,
): void;
export function forEachNode(tree: TreeNode, type: string, visitor: (node: never) => void): void {
  // The overloads tie the visitor's node type to `type`.
  walk(tree, type, visitor as (node: TreeNode) => void);
}

function walk(node: TreeNode, type: string, visitor: (node: TreeNode) => void): void {
  if (node.type === type) visitor(node);
  if (node.children) for (const child of node.children) walk(child, type, visitor);
}

/** What the walk reads of a node, common to mdast and hast. */
interface TreeNode {
  type: string;
  children?: TreeNode[];
}
