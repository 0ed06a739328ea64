/** English strings of the knowledge base; ru/knowledge.ts is typed against it through en.ts. */
export const knowledgeEn = {
  title: 'The knowledge base',
};
