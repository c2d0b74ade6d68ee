import { getRelations, type Person, type Relations } from '../api';

/** Everyone the user is related to, by id, to name the ids that lessons carry. */
export interface People {
  relations: Relations;
  byId: Map<string, Person>;
  name: (id: string) => string;
}

export async function loadPeople(): Promise<People> {
  const relations = await getRelations();
  const byId = new Map<string, Person>();
  for (const person of [...relations.students, ...relations.teachers, ...relations.observers]) byId.set(person.id, person);
  return { relations, byId, name: (id) => byId.get(id)?.displayName ?? 'Someone' };
}

export const NO_PEOPLE: People = {
  relations: { students: [], teachers: [], observers: [] },
  byId: new Map(),
  name: () => 'Someone',
};
