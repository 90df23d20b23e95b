export { ExamsModule, ExamsHttpModule } from './exams.module';
export { ExamsService } from './exams/exams.service';
export { TasksService } from './tasks/tasks.service';
export { clopperPearson } from './rules/clopper-pearson-rules';
export { drawPlan } from './rules/exam-plan-rules';
export { ledgerIntact, protocolDigest, trialHash } from './rules/ledger-rules';
