import { AppSetting } from './app-setting.entity';

/** Every entity of the app; feature modules add theirs here. */
export const entities = [AppSetting];
