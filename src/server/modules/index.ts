// The table of contents: every module, in order. A later module adds one line here.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../kernel/config.js';
import type { Db } from '../kernel/db.js';
import { directoryRoutes } from './directory/directory.routes.js';

export type ModuleContext = { db: Db; config: Config };
export type RightsHubModule = { name: string; routes: (app: FastifyInstance, ctx: ModuleContext) => Promise<void> };

export const modules: RightsHubModule[] = [
  { name: 'directory', routes: directoryRoutes },
];
